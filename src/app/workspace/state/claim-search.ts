import {
  ClaimFilter,
  FilterableClaim,
  haystackOf,
  NoteTextOf,
  passesFields,
  sameValues,
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
  /** Their indexes in the basis's claims. */
  readonly indexes: readonly number[];
}

/**
 * Whether every claim matching `next` matches `earlier` too: each earlier term is
 * part of some next term ("sta" → "stat", or a word added), so a claim holding
 * the next terms, in its text or its notes, holds the earlier ones.
 */
function narrows(earlier: readonly string[], next: readonly string[]): boolean {
  return earlier.every((term) => next.some((word) => word.includes(term)));
}

function holdsEvery(text: string, terms: readonly string[]): boolean {
  for (const term of terms) {
    if (!text.includes(term)) return false;
  }
  return true;
}

/**
 * `applyFilter` for the claims table as a person types: the same claims in the
 * same order, without testing all of an article's claims on every key. A key
 * that narrows the search (a letter typed at the end of a word, a word added)
 * tests only the claims the last search found; a search made a moment ago
 * (a letter erased) is answered from what it found then. What is kept holds
 * only while the claims, their notes, the person and the filter's other fields
 * are the same objects and values; any change starts afresh.
 *
 * Each claim's searchable text (its own, then its notes, normalised) is made
 * once for the claims and notes and kept in an array beside them, so that a
 * key costs one substring test per claim tested: no cache lookup, callback or
 * notes normalised again per claim and key.
 */
export class ClaimSearch<T extends FilterableClaim> {
  private basis: Basis<T> | null = null;
  private results: Result<T>[] = [];
  /** The basis's claims' searchable texts, by index; made at the first search that needs them. */
  private texts: readonly string[] | null = null;

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
    const index = this.results.findIndex((result) => sameValues(result.terms, terms));
    if (index >= 0) {
      const [found] = this.results.splice(index, 1);
      this.results.push(found);
      return found.matches;
    }
    // The smallest earlier result the new one lies within, else every claim.
    let from: Result<T> | null = null;
    for (const result of this.results) {
      if (
        (from === null || result.matches.length < from.matches.length) &&
        narrows(result.terms, terms)
      ) {
        from = result;
      }
    }
    const result = from
      ? this.narrow(claims, from.indexes, terms, noteText)
      : this.scan(claims, filter, me, terms, noteText);
    this.results.push(result);
    if (this.results.length > KEPT_RESULTS) {
      this.results.shift();
    }
    return result.matches;
  }

  /** Every claim: the filter's fields, then the terms. */
  private scan(
    claims: readonly T[],
    filter: ClaimFilter,
    me: string | null,
    terms: readonly string[],
    noteText: NoteTextOf<T> | undefined,
  ): Result<T> {
    const fields =
      filter.stages.length + filter.verdicts.length + filter.kinds.length > 0 || filter.mine;
    if (!fields && terms.length === 0) {
      return { terms, matches: claims, indexes: claims.map((_, i) => i) };
    }
    const texts = terms.length ? this.textsOf(claims, noteText) : null;
    const matches: T[] = [];
    const indexes: number[] = [];
    for (let i = 0; i < claims.length; i++) {
      const claim = claims[i];
      if ((!fields || passesFields(claim, filter, me)) && (!texts || holdsEvery(texts[i], terms))) {
        matches.push(claim);
        indexes.push(i);
      }
    }
    return { terms, matches, indexes };
  }

  /** Only the claims of an earlier result, which already pass the fields. */
  private narrow(
    claims: readonly T[],
    from: readonly number[],
    terms: readonly string[],
    noteText: NoteTextOf<T> | undefined,
  ): Result<T> {
    const texts = this.textsOf(claims, noteText);
    const matches: T[] = [];
    const indexes: number[] = [];
    for (const i of from) {
      if (holdsEvery(texts[i], terms)) {
        matches.push(claims[i]);
        indexes.push(i);
      }
    }
    return { terms, matches, indexes };
  }

  /**
   * The claim's text and its notes joined by a line break: a term has no
   * whitespace, so it is in the joined text exactly when it is in one of the two.
   */
  private textsOf(claims: readonly T[], noteText: NoteTextOf<T> | undefined): readonly string[] {
    if (this.texts === null) {
      this.texts = claims.map((claim) => {
        const notes = noteText?.(claim);
        // searchTerms normalises as haystackOf does; its words joined hold the same terms.
        return notes ? `${haystackOf(claim)}\n${searchTerms(notes).join(' ')}` : haystackOf(claim);
      });
    }
    return this.texts;
  }

  private keepIfSame(
    claims: readonly T[],
    filter: ClaimFilter,
    me: string | null,
    notes: unknown,
  ): void {
    const basis = this.basis;
    if (basis && basis.claims === claims && basis.notes === notes) {
      if (
        basis.me === me &&
        basis.mine === filter.mine &&
        sameValues(basis.stages, filter.stages) &&
        sameValues(basis.verdicts, filter.verdicts) &&
        sameValues(basis.kinds, filter.kinds)
      ) {
        return;
      }
    } else {
      // The texts follow the claims and their notes only.
      this.texts = null;
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
