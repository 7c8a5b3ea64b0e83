/**
 * A tweet as people paste it ends with its signature: "— Name (@handle) January 6, 2020".
 * The author often names what the tweet is about (a claim "Trump tweeted ..."), and the
 * date says when; the words of the signature are kept for the first stage (dropping them
 * costs dev MAP@5 0.02-0.04), and the re-ranker also sees the body alone, the author and
 * the year apart (BENCHMARKS.md, "Claim matching"). Text without a signature (an
 * article's claim) is all body.
 */

export interface Signed {
  /** The text without its signature(s). */
  readonly body: string;
  /** The name and handle of the signature(s), "" when there is none. */
  readonly author: string;
  /** The year of the signature's date ("2020"), "" when there is none. */
  readonly year: string;
}

const SIGNATURE = /[—–-]\s*([^—–()\n]{0,80}?)\s*\(@(\w+)\)\s*\p{L}+ \d{1,2}, (\d{4}|\d{2})\b/gu;

export function signatureOf(text: string): Signed {
  const authors: string[] = [];
  let year = '';
  const body = text.replace(SIGNATURE, (_, name: string, handle: string, y: string) => {
    authors.push(`${name} @${handle}`);
    year ||= y.length === 2 ? `20${y}` : y;
    return ' ';
  });
  return { body: body.trim(), author: authors.join(' '), year };
}
