import { ClaimSummary } from '../../../domain/claim';

/** Enough to follow a person's quick run of saves on one claim. */
const MAX_ANSWERS_PER_CLAIM = 20;
/** Claims whose recent answers are kept: a long session edits many. */
const MAX_CLAIMS = 100;

/**
 * The server's answers to this person's own writes: claim id → the version a
 * write was sent with → the claim the server answered. Bounded, oldest first
 * out: a write on a version whose answer is forgotten is sent on that version
 * and, if the claim moved on, answered 412 and shown as a conflict, never
 * saved over anyone's change.
 */
export class AnsweredVersions {
  private readonly answers = new Map<string, Map<number, ClaimSummary>>();

  /** The version to send, and the newest claim this person's own writes led to. */
  resolve(claimId: string, version: number): { version: number; latest: ClaimSummary | null } {
    const chain = this.answers.get(claimId);
    let latest: ClaimSummary | null = null;
    for (let next = chain?.get(version); next; next = chain?.get(next.version)) {
      latest = next;
    }
    return { version: latest?.version ?? version, latest };
  }

  remember(sentWith: number, claim: ClaimSummary): void {
    const chain = this.answers.get(claim.id) ?? new Map<number, ClaimSummary>();
    // Re-inserted, so that the claims edited longest ago are the first to go.
    this.answers.delete(claim.id);
    chain.set(sentWith, claim);
    dropOldest(chain, MAX_ANSWERS_PER_CLAIM);
    this.answers.set(claim.id, chain);
    dropOldest(this.answers, MAX_CLAIMS);
  }

  /** How many answers are kept, for tests. */
  get size(): number {
    let total = 0;
    for (const chain of this.answers.values()) total += chain.size;
    return total;
  }
}

function dropOldest<K, V>(map: Map<K, V>, max: number): void {
  for (const key of map.keys()) {
    if (map.size <= max) return;
    map.delete(key);
  }
}
