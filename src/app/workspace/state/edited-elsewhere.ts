import { ClaimSummary } from '../../../domain/claim';
import { FINDING_FIELDS, findingOf } from '../claim-panel/finding-draft';
import { FindingDraft } from './claim-detail.feature';

/**
 * Whether `theirs`, a newer version saved by someone else, changed the finding
 * under the draft: a field other than as it started, and not to what this
 * person typed there too. Evidence, notes or a save that agrees are no news.
 */
export function changedUnderDraft(draft: FindingDraft, theirs: ClaimSummary): boolean {
  if (theirs.id !== draft.claimId || theirs.version <= draft.base.version) {
    return false;
  }
  const now = findingOf(theirs);
  const mine = draft.mine as Readonly<Record<string, unknown>>;
  return FINDING_FIELDS.some(
    (field) =>
      now[field] !== draft.base.finding[field] &&
      !(Object.hasOwn(mine, field) && mine[field] === now[field]),
  );
}
