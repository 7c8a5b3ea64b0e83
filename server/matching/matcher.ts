/**
 * The claim matcher: ranks indexed claims by how likely a text repeats them.
 *
 * Two stages. BM25 (bm25.ts) over the stemmed words of each claim finds the candidates;
 * the re-ranker (reranker.ts) scores each from what BM25 saw (over all fields, the
 * statement, the other wording), shared word pairs and runs, shared numbers, shared
 * character grams (char-grams.ts: spelling that differs) and word translations
 * (translations.ts: wording that differs), as a probability. Everything a
 * write changes is per document, so `upsert` costs well under a millisecond and the
 * matcher is always current.
 * The same class answers the API (claim-index.ts) and the benchmark (bench/matching.ts).
 */
import { Bm25Index, type Bm25Options } from './bm25';
import { GramIndex, gramsOf } from './char-grams';
import type { Features } from './features';
import { Reranker } from './reranker';
import { WordSegmenter } from './segmenter';
import { signatureOf } from './signature';
import { numbers, tokenize, words } from './tokenize';
import { type TranslationTable, translationOf } from './translations';

export interface MatchDocument {
  readonly id: string;
  /** The claim as stated: what a repeat says again. */
  readonly claim: string;
  /** Other wording of it (the quote, the published summary, a title). */
  readonly context: string;
}

export interface MatchResult {
  readonly id: string;
  /** 0-1: the re-ranker's probability that the text repeats this document. */
  readonly score: number;
  readonly features: Features;
}

/** How many BM25 candidates the re-ranker sees (and was trained on). */
export const CANDIDATES = 30;

interface Entry {
  readonly terms: ReadonlySet<string>;
  /** The statement's terms then the context's, in text order (for shared runs). */
  readonly sequence: readonly string[];
  readonly claimTerms: ReadonlySet<string>;
  readonly numbers: ReadonlySet<string>;
  readonly pairs: ReadonlySet<string>;
  /** Its distinct plain words: the hashtag splitter's vocabulary. */
  readonly words: ReadonlySet<string>;
}

/** Adjacent terms, joined: what a phrase match is made of. */
function pairsOf(terms: readonly string[]): Set<string> {
  const pairs = new Set<string>();
  for (let i = 1; i < terms.length; i++) {
    pairs.add(`${terms[i - 1]} ${terms[i]}`);
  }
  return pairs;
}

/** Longest run of consecutive terms that both sequences have (capped: `cap`). */
function longestRun(a: readonly string[], b: readonly string[], cap: number): number {
  let best = 0;
  let previous = new Uint8Array(b.length + 1);
  let current = new Uint8Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      current[j] = a[i - 1] === b[j - 1] ? Math.min(previous[j - 1] + 1, 255) : 0;
      if (current[j] > best) {
        best = current[j];
      }
    }
    [previous, current] = [current, previous];
  }
  return Math.min(best, cap);
}

const RUN_CAP = 6;

/**
 * BM25F over the statement (field 0) and the other wording (field 1). A title or summary
 * is short and says the claim again: its length is hardly held against it (b 0.3).
 * Chosen on the train split (dev MAP@5 of BM25 alone 0.805 -> 0.815, BENCHMARKS.md).
 */
export const BM25F: Bm25Options = {
  k1: 1.2,
  fields: [
    { weight: 1, b: 0.75 },
    { weight: 1, b: 0.3 },
  ],
};
const STATEMENT = 0;
const CONTEXT = 1;

export class Matcher {
  /** BM25F over both fields finds the candidates; each field alone is a feature. */
  private readonly all = new Bm25Index(BM25F);
  private readonly grams = new GramIndex();
  private readonly segmenter = new WordSegmenter();
  private readonly split = (run: string) => this.segmenter.split(run);
  private readonly entries = new Map<string, Entry>();
  /**
   * When each document was first indexed (an edit keeps its place). Of documents that
   * score the same, the same claim checked and published twice, the one indexed first
   * comes first: the first appearance of the check rather than a later copy. Ties went by
   * id before, which says nothing; in the claim-matching data the repeats point to the
   * original 183 times in 188 such ties on train (BENCHMARKS.md, "Claim matching").
   */
  private readonly indexedAt = new Map<string, number>();
  private indexed = 0;

  constructor(
    private readonly reranker: Reranker,
    /** Word translations (translations.ts); training swaps them fold by fold. */
    public translations: TranslationTable = new Map(),
    /** How many BM25 candidates the re-ranker sees. */
    readonly candidates = CANDIDATES,
  ) {}

  /** The terms of a text as a match looks them up (hashtags split into the claims' words). */
  terms(text: string): string[] {
    return tokenize(text, this.split);
  }

  get size(): number {
    return this.entries.size;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  upsert(document: MatchDocument): void {
    if (!this.indexedAt.has(document.id)) {
      this.indexedAt.set(document.id, this.indexed++);
    }
    const claimTerms = tokenize(document.claim);
    const contextTerms = tokenize(document.context);
    const text = `${document.claim}\n${document.context}`;
    const terms = [...claimTerms, ...contextTerms];
    this.all.upsert(document.id, [claimTerms, contextTerms]);
    this.grams.upsert(document.id, gramsOf(text));
    const plainWords = new Set(words(text));
    this.segmenter.remove(this.entries.get(document.id)?.words ?? []);
    this.segmenter.add(plainWords);
    this.entries.set(document.id, {
      words: plainWords,
      terms: new Set(terms),
      sequence: terms,
      claimTerms: new Set(claimTerms),
      numbers: numbers(text),
      pairs: new Set([...pairsOf(claimTerms), ...pairsOf(contextTerms)]),
    });
  }

  remove(id: string): void {
    this.all.remove(id);
    this.grams.remove(id);
    this.segmenter.remove(this.entries.get(id)?.words ?? []);
    this.entries.delete(id);
    this.indexedAt.delete(id);
  }

  /**
   * The documents the text most likely repeats, best first, at most `limit`;
   * `exclude` is left out (a claim is not its own repeat).
   */
  match(text: string, limit: number, exclude: ReadonlySet<string> = new Set()): MatchResult[] {
    const terms = tokenize(text, this.split);
    const depth = Math.max(this.candidates, limit);
    const found = this.all
      .search(terms, depth + exclude.size)
      .filter((candidate) => !exclude.has(candidate.id))
      .slice(0, depth);
    if (found.length === 0) {
      return [];
    }
    const queryTerms = new Set(terms);
    const queryNumbers = numbers(text);
    const signed = signatureOf(text);
    const bodyTerms = tokenize(signed.body, this.split);
    const bodyCeiling = this.all.ceiling(bodyTerms) || 1;
    const bodyNumbers = numbers(signed.body);
    const authorTerms = new Set(tokenize(signed.author, this.split));
    const authorWeight = [...authorTerms].reduce((sum, term) => sum + this.all.idf(term), 0);
    const bodyGrams = gramsOf(signed.body);
    const bodyGramNorm = this.grams.norm(bodyGrams);
    const queryPairs = pairsOf(terms);
    const ceiling = this.all.ceiling(terms) || 1;
    const queryGrams = gramsOf(text);
    const queryGramNorm = this.grams.norm(queryGrams);
    const queryWeight = [...queryTerms].reduce((sum, term) => sum + this.all.idf(term), 0) || 1;
    const best = found[0].score || 1;
    const scored = found.map((candidate) => {
      const entry = this.entries.get(candidate.id) as Entry;
      let covered = 0;
      let claimWeight = 0;
      let claimCovered = 0;
      for (const term of entry.claimTerms) {
        const idf = this.all.idf(term);
        claimWeight += idf;
        if (queryTerms.has(term)) {
          claimCovered += idf;
        }
      }
      for (const term of queryTerms) {
        if (entry.terms.has(term)) {
          covered += this.all.idf(term);
        }
      }
      const shared = [...entry.numbers].some((n) => queryNumbers.has(n));
      let authorCovered = 0;
      for (const term of authorTerms) {
        authorCovered += entry.terms.has(term) ? this.all.idf(term) : 0;
      }
      const { translated, bridged } = translationOf(
        this.translations,
        queryTerms,
        entry.terms,
        (term) => this.all.idf(term),
      );
      return {
        id: candidate.id,
        translated,
        bridged,
        bm25: candidate.score / ceiling,
        bm25VsBest: candidate.score / best,
        bm25Claim: this.all.scoreOf(candidate.id, terms, STATEMENT) / ceiling,
        queryCovered: covered / queryWeight,
        claimCovered: claimWeight > 0 ? claimCovered / claimWeight : 0,
        numberShared: shared ? 1 : 0,
        numberMissing: entry.numbers.size > 0 && !shared ? 1 : 0,
        pairs:
          queryPairs.size > 0
            ? [...queryPairs].filter((pair) => entry.pairs.has(pair)).length / queryPairs.size
            : 0,
        bm25Context: this.all.scoreOf(candidate.id, terms, CONTEXT) / ceiling,
        charSim: this.grams.similarity(queryGrams, queryGramNorm, candidate.id),
        run: longestRun(terms, entry.sequence, RUN_CAP) / RUN_CAP,
        bm25Body: this.all.scoreOf(candidate.id, bodyTerms) / bodyCeiling,
        author: authorWeight > 0 ? authorCovered / authorWeight : 0,
        yearShared: signed.year && entry.numbers.has(signed.year) ? 1 : 0,
        bodyNumberShared: [...entry.numbers].some((n) => bodyNumbers.has(n)) ? 1 : 0,
        charSimBody: this.grams.similarity(bodyGrams, bodyGramNorm, candidate.id),
      };
    });
    const bestBm25 = Math.max(...scored.map((candidate) => candidate.bm25));
    const bestCharSim = Math.max(...scored.map((candidate) => candidate.charSim));
    const results = scored.map(({ id, ...perCandidate }): MatchResult => {
      const features: Features = { ...perCandidate, bestBm25, bestCharSim };
      return { id, score: this.reranker.probability(features), features };
    });
    const age = (id: string) => this.indexedAt.get(id) as number;
    results.sort((x, y) => y.score - x.score || age(x.id) - age(y.id));
    return results.slice(0, limit);
  }
}
