/**
 * BM25F over an inverted index that changes one document at a time: adding, replacing or
 * removing a document touches only its own terms (microseconds), so the claim index
 * stays current on every write without a rebuild.
 *
 * A document has fields (a claim's statement, its other wording): each field's term
 * counts are normalised by that field's own length against its own average, weighted,
 * summed, and only then saturated (Robertson & Zaragoza's BM25F). A short Snopes title
 * is not a long statement: normalising them together (one bag of words) let the
 * statement's length decide the title's weight. Lucene's always-positive idf, over the
 * documents that have the term in any field.
 */

export interface Bm25Field {
  /** How much a term in this field counts, against 1 for the first field. */
  readonly weight: number;
  /** How much a long field is penalised (0: not at all, 1: fully). */
  readonly b: number;
}

export interface Bm25Options {
  /** How fast a repeated term stops adding (term-frequency saturation). */
  readonly k1: number;
  readonly fields: readonly Bm25Field[];
}

export const BM25_DEFAULTS: Bm25Options = { k1: 1.2, fields: [{ weight: 1, b: 0.75 }] };

export interface Scored {
  readonly id: string;
  readonly score: number;
}

interface Indexed {
  readonly slot: number;
  /** term -> its count in each field. */
  readonly frequencies: ReadonlyMap<string, readonly number[]>;
  readonly lengths: readonly number[];
}

export class Bm25Index {
  private readonly documents = new Map<string, Indexed>();
  /** term -> (slot -> the term's count in each field of that document). */
  private readonly postings = new Map<string, Map<number, readonly number[]>>();
  /** Document id by slot; a removed document's slot is reused. */
  private readonly ids: (string | null)[] = [];
  /** Field length by field, then slot. */
  private readonly lengths: number[][];
  private readonly totalLengths: number[];
  private readonly freeSlots: number[] = [];
  /** Scratch space of `search`, one number per slot, grown as documents come. */
  private scores = new Float64Array(1024);

  constructor(private readonly options: Bm25Options = BM25_DEFAULTS) {
    this.lengths = options.fields.map(() => []);
    this.totalLengths = options.fields.map(() => 0);
  }

  get size(): number {
    return this.documents.size;
  }

  has(id: string): boolean {
    return this.documents.has(id);
  }

  /** Adds the document (its terms field by field), or replaces what it said before. */
  upsert(id: string, fields: readonly (readonly string[])[]): void {
    this.remove(id);
    const count = this.options.fields.length;
    const frequencies = new Map<string, number[]>();
    fields.slice(0, count).forEach((terms, field) => {
      for (const term of terms) {
        let counts = frequencies.get(term);
        if (!counts) {
          counts = new Array<number>(count).fill(0);
          frequencies.set(term, counts);
        }
        counts[field]++;
      }
    });
    const lengths = this.options.fields.map((_, field) => fields[field]?.length ?? 0);
    const slot = this.freeSlots.pop() ?? this.ids.length;
    this.ids[slot] = id;
    lengths.forEach((length, field) => {
      this.lengths[field][slot] = length;
      this.totalLengths[field] += length;
    });
    for (const [term, counts] of frequencies) {
      let posting = this.postings.get(term);
      if (!posting) {
        posting = new Map();
        this.postings.set(term, posting);
      }
      posting.set(slot, counts);
    }
    this.documents.set(id, { slot, frequencies, lengths });
    if (this.scores.length < this.ids.length) {
      this.scores = new Float64Array(this.scores.length * 2);
    }
  }

  remove(id: string): void {
    const document = this.documents.get(id);
    if (!document) {
      return;
    }
    for (const term of document.frequencies.keys()) {
      const posting = this.postings.get(term);
      posting?.delete(document.slot);
      if (posting?.size === 0) {
        this.postings.delete(term);
      }
    }
    document.lengths.forEach((length, field) => (this.totalLengths[field] -= length));
    this.ids[document.slot] = null;
    this.freeSlots.push(document.slot);
    this.documents.delete(id);
  }

  /** How rare a term is: 0 for one in every document, higher the rarer. */
  idf(term: string): number {
    const df = this.postings.get(term)?.size ?? 0;
    const n = this.documents.size;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** The documents that share a term with the query, best first, at most `limit`. */
  search(queryTerms: readonly string[], limit: number): Scored[] {
    const k1 = this.options.k1;
    const norms = this.normalisers();
    const scores = this.scores;
    const touched: number[] = [];
    for (const term of new Set(queryTerms)) {
      const posting = this.postings.get(term);
      if (!posting) {
        continue;
      }
      const idf = this.idf(term);
      for (const [slot, counts] of posting) {
        const tf = this.weightedFrequency(counts, slot, norms);
        if (scores[slot] === 0) {
          touched.push(slot);
        }
        scores[slot] += (idf * tf * (k1 + 1)) / (tf + k1);
      }
    }
    const found: Scored[] = touched.map((slot) => ({
      id: this.ids[slot] as string,
      score: scores[slot],
    }));
    for (const slot of touched) {
      scores[slot] = 0;
    }
    // Ties broken by id: the same index and query always give the same order.
    found.sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    return found.slice(0, limit);
  }

  /**
   * The score of one document for the query (0 when it shares no term or is unknown):
   * over all fields, or over `field` alone (as plain BM25 of that field, weight 1).
   */
  scoreOf(id: string, queryTerms: readonly string[], field?: number): number {
    const document = this.documents.get(id);
    if (!document) {
      return 0;
    }
    const k1 = this.options.k1;
    const norms = this.normalisers(field);
    let score = 0;
    for (const term of new Set(queryTerms)) {
      const counts = document.frequencies.get(term);
      if (counts) {
        const tf = this.weightedFrequency(counts, document.slot, norms);
        score += tf > 0 ? (this.idf(term) * tf * (k1 + 1)) / (tf + k1) : 0;
      }
    }
    return score;
  }

  /** The most a document could score for the query: every term, saturated. */
  ceiling(queryTerms: readonly string[]): number {
    let total = 0;
    for (const term of new Set(queryTerms)) {
      total += this.idf(term) * (this.options.k1 + 1);
    }
    return total;
  }

  /** Per field: weight, b and average length (weight 0 for the fields left out). */
  private normalisers(only?: number): { weight: number; b: number; average: number }[] {
    const n = this.documents.size || 1;
    return this.options.fields.map((field, f) => ({
      weight: only === undefined ? field.weight : only === f ? 1 : 0,
      b: field.b,
      average: this.totalLengths[f] / n || 1,
    }));
  }

  private weightedFrequency(
    counts: readonly number[],
    slot: number,
    norms: readonly { weight: number; b: number; average: number }[],
  ): number {
    let tf = 0;
    for (let f = 0; f < counts.length; f++) {
      if (counts[f] > 0 && norms[f].weight > 0) {
        const { weight, b, average } = norms[f];
        tf += (weight * counts[f]) / (1 - b + (b * this.lengths[f][slot]) / average);
      }
    }
    return tf;
  }
}
