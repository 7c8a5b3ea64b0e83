/**
 * BM25 over an inverted index that changes one document at a time: adding, replacing or
 * removing a document touches only its own terms (microseconds), so the claim index
 * stays current on every write without a rebuild. Scores are Okapi BM25 with Lucene's
 * always-positive idf.
 */

export interface Bm25Options {
  /** How fast a repeated term stops adding (term-frequency saturation). */
  readonly k1: number;
  /** How much a long document is penalised (0: not at all, 1: fully). */
  readonly b: number;
}

export const BM25_DEFAULTS: Bm25Options = { k1: 1.2, b: 0.75 };

export interface Scored {
  readonly id: string;
  readonly score: number;
}

interface Indexed {
  readonly slot: number;
  readonly frequencies: ReadonlyMap<string, number>;
  readonly length: number;
}

export class Bm25Index {
  private readonly documents = new Map<string, Indexed>();
  /** term -> (slot -> frequency of the term in that document). */
  private readonly postings = new Map<string, Map<number, number>>();
  /** Document id by slot; a removed document's slot is reused. */
  private readonly ids: (string | null)[] = [];
  private readonly lengths: number[] = [];
  private readonly freeSlots: number[] = [];
  private totalLength = 0;
  /** Scratch space of `search`, one number per slot, grown as documents come. */
  private scores = new Float64Array(1024);

  constructor(private readonly options: Bm25Options = BM25_DEFAULTS) {}

  get size(): number {
    return this.documents.size;
  }

  has(id: string): boolean {
    return this.documents.has(id);
  }

  /** Adds the document, or replaces what it said before. */
  upsert(id: string, terms: readonly string[]): void {
    this.remove(id);
    const frequencies = new Map<string, number>();
    for (const term of terms) {
      frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
    }
    const slot = this.freeSlots.pop() ?? this.ids.length;
    this.ids[slot] = id;
    this.lengths[slot] = terms.length;
    this.totalLength += terms.length;
    for (const [term, frequency] of frequencies) {
      let posting = this.postings.get(term);
      if (!posting) {
        posting = new Map();
        this.postings.set(term, posting);
      }
      posting.set(slot, frequency);
    }
    this.documents.set(id, { slot, frequencies, length: terms.length });
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
    this.totalLength -= document.length;
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
    const { k1, b } = this.options;
    const averageLength = this.documents.size > 0 ? this.totalLength / this.documents.size : 1;
    const scores = this.scores;
    const touched: number[] = [];
    for (const term of new Set(queryTerms)) {
      const posting = this.postings.get(term);
      if (!posting) {
        continue;
      }
      const idf = this.idf(term);
      for (const [slot, frequency] of posting) {
        const norm = k1 * (1 - b + (b * this.lengths[slot]) / averageLength);
        if (scores[slot] === 0) {
          touched.push(slot);
        }
        scores[slot] += (idf * frequency * (k1 + 1)) / (frequency + norm);
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

  /** The score of one document for the query (0 when it shares no term or is unknown). */
  scoreOf(id: string, queryTerms: readonly string[]): number {
    const document = this.documents.get(id);
    if (!document) {
      return 0;
    }
    const { k1, b } = this.options;
    const averageLength = this.documents.size > 0 ? this.totalLength / this.documents.size : 1;
    const norm = k1 * (1 - b + (b * document.length) / averageLength);
    let score = 0;
    for (const term of new Set(queryTerms)) {
      const frequency = document.frequencies.get(term);
      if (frequency) {
        score += (this.idf(term) * frequency * (k1 + 1)) / (frequency + norm);
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
}
