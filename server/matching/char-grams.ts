/**
 * Character n-grams (3 to 5 letters inside each content word, " word " padded): a text
 * and a claim that spell a name or a word differently ("Ocasio-Cortez" / "ocasio",
 * "photoshopped" / "photoshop", "#tentcity" / "tent city", a typo) still share most of
 * their grams where whole stemmed words meet not at all. A gram is a 21-bit hash; each
 * document keeps its grams sorted (about 1 kB for a claim), and the index counts in how
 * many documents each hash occurs in one fixed table (8 MB): a write adds and subtracts
 * only its own grams' counts, with no map to grow or shrink (a few microseconds).
 */
import { STOP_WORDS, words } from './tokenize';

const SHORTEST = 3;
const LONGEST = 5;
/**
 * 2^21 hashes for the few hundred thousand distinct grams of 10,000 claims: two grams
 * share a count now and then, which blurs a rare gram's weight a little and nothing more.
 */
const HASH_BITS = 21;

/** FNV-1a, folded to HASH_BITS bits. */
function hash(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) >>> (32 - HASH_BITS);
}

/** The distinct grams of a text's content words, as sorted hashes. */
export function gramsOf(text: string): Uint32Array {
  const found = new Set<number>();
  for (const word of words(text)) {
    if (STOP_WORDS.has(word)) {
      continue;
    }
    const padded = ` ${word} `;
    for (let n = SHORTEST; n <= LONGEST; n++) {
      for (let i = 0; i + n <= padded.length; i++) {
        found.add(hash(padded, i, i + n));
      }
    }
  }
  return Uint32Array.from(found).sort();
}

export class GramIndex {
  private readonly documents = new Map<string, Uint32Array>();
  /** gram -> how many documents have it. */
  private readonly frequencies = new Uint32Array(1 << HASH_BITS);

  upsert(id: string, grams: Uint32Array): void {
    this.remove(id);
    this.documents.set(id, grams);
    for (const gram of grams) {
      this.frequencies[gram]++;
    }
  }

  remove(id: string): void {
    const grams = this.documents.get(id);
    if (!grams) {
      return;
    }
    for (const gram of grams) {
      this.frequencies[gram]--;
    }
    this.documents.delete(id);
  }

  /** A gram's weight: rare grams say more. */
  private idf(gram: number): number {
    const df = this.frequencies[gram];
    return Math.log(1 + (this.documents.size + 1) / (df + 1));
  }

  /**
   * Cosine of the idf-weighted gram sets of the query and a document (0-1): 1 when they
   * have the same grams. `queryNorm` is `norm(queryGrams)`, computed once per query.
   */
  similarity(queryGrams: Uint32Array, queryNorm: number, id: string): number {
    const grams = this.documents.get(id);
    if (!grams || queryNorm === 0) {
      return 0;
    }
    let shared = 0;
    let i = 0;
    let j = 0;
    while (i < queryGrams.length && j < grams.length) {
      if (queryGrams[i] === grams[j]) {
        shared += this.idf(grams[j]) ** 2;
        i++;
        j++;
      } else if (queryGrams[i] < grams[j]) {
        i++;
      } else {
        j++;
      }
    }
    const norm = this.norm(grams);
    return norm > 0 ? shared / (queryNorm * norm) : 0;
  }

  norm(grams: Uint32Array): number {
    let sum = 0;
    for (const gram of grams) {
      sum += this.idf(gram) ** 2;
    }
    return Math.sqrt(sum);
  }
}
