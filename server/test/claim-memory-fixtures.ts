/** Helpers of the claim-memory tests: a later article whose claims repeat the seed's, and reads. */
import type { ClaimDetail, ClaimSummary } from '../../src/domain/claim';
import type { ProblemDocument } from '../../src/domain/desk';
import { addArticle } from './desk-fixtures';
import { type Harness, json, startApp, withCast } from './harness';

/** The seed article's claim that the later article's claims repeat. */
export const ORIGINAL = 'pnk-021';

/** A refusal as the API sends it; a stale If-Match also gives the claim as it now stands. */
export type Problem = ProblemDocument & { readonly current?: ClaimSummary };

/** An app with the standard cast and a later article, `later-speech`, with claims rep-1 … rep-4. */
export async function startWithLaterSpeech(): Promise<Harness> {
  const h = await startApp();
  await withCast(h);
  await addArticle(h, {
    id: 'later-speech',
    headline: 'A later speech',
    claims: [{ id: 'rep-1' }, { id: 'rep-2' }, { id: 'rep-3' }, { id: 'rep-4' }],
  });
  return h;
}

/** A claim as Dana (an editor) reads it. */
export async function claimOf(h: Harness, id: string): Promise<ClaimDetail> {
  return json<ClaimDetail>(await h.as('dana', { url: `/api/claims/${id}` }));
}
