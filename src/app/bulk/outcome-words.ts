import { ClaimSummary } from '../../domain/claim';
import { BulkItemResult, ProblemDocument } from '../../domain/desk';
import { problemWording } from '../../domain/problem-wording';
import { BulkClaimLabel } from './state/bulk.actions';

const LABEL_MAX = 60;

/** “Crime fell by 20% …” in “Council budget”: how the outcome names a claim. */
export function claimLabel(claim: ClaimSummary & { readonly articleHeadline?: string }): string {
  const text = claim.summary ?? claim.statement;
  const short = text.length <= LABEL_MAX ? text : `${cutAtWord(text, LABEL_MAX)}…`;
  return claim.articleHeadline ? `“${short}” in “${claim.articleHeadline}”` : `“${short}”`;
}

function cutAtWord(text: string, max: number): string {
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space > max / 2 ? cut.slice(0, space) : cut).trimEnd();
}

function reasonOf(problem: ProblemDocument | undefined): string {
  return (problem ? problemWording(problem) : 'Refused').replace(/\.$/, '');
}

/** A claim the server refused or left alone, named, with its reason. */
export interface RefusedClaim {
  readonly id: string;
  readonly label: string;
  readonly reason: string;
}

/** Every claim not changed, in the order of the answer, named as the person selected it. */
export function refusedClaims(
  results: readonly BulkItemResult[],
  labels: readonly BulkClaimLabel[],
): RefusedClaim[] {
  const names = new Map(labels.map((entry) => [entry.id, entry.label]));
  return results
    .filter((result) => result.status !== 200)
    .map((result) => ({
      id: result.id,
      label: names.get(result.id) ?? `Claim ${result.id}`,
      reason: reasonOf(result.problem),
    }));
}

/** "1 claim selected", "5 claims selected". */
export function selectedWords(count: number): string {
  return `${count} ${count === 1 ? 'claim' : 'claims'} selected`;
}
