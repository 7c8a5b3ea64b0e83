import {
  ClaimFilter,
  FilterableClaim,
  matchesTerms,
  NoteTextOf,
  passesFields,
  searchTerms,
  sortVisible,
} from '../../../domain/claim-filter';

/** Results kept for the searches typed last: enough for a word typed and then erased. */
const KEPT_RESULTS = 24;

interface Basis<T> {
  readonly claims: readonly T[];
  readonly me: string | null;
  /** The object the note text comes from: a new one whenever any claim's notes change. */
  readonly notes: unknown;
  readonly stages: readonly string[];
  readonly verdicts: readonly string[];
  readonly kinds: readonly string[];
  readonly mine: boolean;
}

interface Result<T> {
  readonly terms: readonly string[];
  /** The claims with every term that pass the filter's fields, in article order. */
  readonly matches: readonly T[];
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item, i) => item === b[i]);

/**
 * Whether every claim matching `next` matches `earlier` too: each earlier term is
 * part of some next term ("sta" → "stat", or a word added), so a claim holding
 * the next terms, in its text or its notes, holds the earlier ones.
 */
function narrows(earlier: readonly string[], next: readonly string[]): boolean {
  return earlier.every((term) => next.some((word) => word.includes(term)));
}

/**
 * `applyFilter` for the claims table as a person types: the same claims in the
 * same order, without testing all of an article's claims on every key. A key
 * that narrows the search (a letter typed at the end of a word, a word added)
 * tests only the claims the last search found; a search made a moment ago
 * (a letter erased) is answered from what it found then. What is kept holds
 * only while the claims, their notes, the person and the filter's other fields
 * are the same objects and values; any change starts afresh.
 */
export class ClaimSearch<T extends FilterableClaim> {
  private basis: Basis<T> | null = null;
  private results: Result<T>[] = [];

  visible(
    claims: readonly T[],
    filter: ClaimFilter,
    me: string | null,
    noteText: NoteTextOf<T> | undefined,
    notes: unknown,
  ): readonly T[] {
    this.keepIfSame(claims, filter, me, notes);
    const matches = this.matches(claims, filter, me, searchTerms(filter.query), noteText);
    // What is kept is never sorted in place.
    return filter.sort === 'position' && !filter.descending
      ? matches
      : sortVisible([...matches], filter);
  }

  private matches(
    claims: readonly T[],
    filter: ClaimFilter,
    me: string | null,
    terms: readonly string[],
    noteText: NoteTextOf<T> | undefined,
  ): readonly T[] {
    const index = this.results.findIndex((result) => sameList(result.terms, terms));
    if (index >= 0) {
      const [found] = this.results.splice(index, 1);
      this.results.push(found);
      return found.matches;
    }
    // The smallest earlier result the new one lies within, else every claim.
    let from: readonly T[] | null = null;
    for (const result of this.results) {
      if ((from === null || result.matches.length < from.length) && narrows(result.terms, terms)) {
        from = result.matches;
      }
    }
    const matches =
      from === null
        ? claims.filter(
            (claim) =>
              passesFields(claim, filter, me) &&
              (terms.length === 0 || matchesTerms(claim, terms, noteText)),
          )
        : from.filter((claim) => matchesTerms(claim, terms, noteText));
    this.results.push({ terms, matches });
    if (this.results.length > KEPT_RESULTS) {
      this.results.shift();
    }
    return matches;
  }

  private keepIfSame(
    claims: readonly T[],
    filter: ClaimFilter,
    me: string | null,
    notes: unknown,
  ): void {
    const basis = this.basis;
    if (
      basis &&
      basis.claims === claims &&
      basis.me === me &&
      basis.notes === notes &&
      basis.mine === filter.mine &&
      sameList(basis.stages, filter.stages) &&
      sameList(basis.verdicts, filter.verdicts) &&
      sameList(basis.kinds, filter.kinds)
    ) {
      return;
    }
    this.results = [];
    this.basis = {
      claims,
      me,
      notes,
      stages: filter.stages,
      verdicts: filter.verdicts,
      kinds: filter.kinds,
      mine: filter.mine,
    };
  }
}
