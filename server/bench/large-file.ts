/**
 * An article file of 20,000 claims (about 4.9 MB as a request body), the import that
 * must not freeze the server: `npm run bench:import` times it, and
 * server/test/import-trust.test.ts checks it imports without long stalls.
 */
export const LARGE_FILE_CLAIMS = 20_000;

export function largeArticleFile(id = 'twenty-thousand') {
  const sentence = 'The council spent 4.2 million euros on the bridge in 2024. ';
  const quote = 'spent 4.2 million euros';
  const sentences = 2000;
  return {
    formatVersion: 1,
    article: {
      id,
      headline: 'Twenty thousand claims',
      outlet: null,
      url: null,
      publishedAt: null,
      language: 'en',
      text: sentence.repeat(sentences).trim(),
      headings: [],
    },
    claims: Array.from({ length: LARGE_FILE_CLAIMS }, (_, n) => {
      const start = (n % sentences) * sentence.length + sentence.indexOf(quote);
      return {
        id: `big-${n}`,
        quote,
        start,
        end: start + quote.length,
        statement: `The council spent 4.2 million euros (${n}).`,
        kind: 'figure',
        stage: 'new',
        verdict: null,
        rationale: null,
        assignee: null,
        evidence: [],
        notes: [],
      };
    }),
  };
}
