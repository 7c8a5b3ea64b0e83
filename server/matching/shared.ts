/**
 * The matcher the server answers with: the committed re-ranker weights and the word
 * vectors, read once per process (every app a test starts shares them; each app keeps
 * its own index of claims).
 */
import { loadWordVectors } from './embeddings-store';
import { Matcher } from './matcher';
import { Reranker } from './reranker';

let reranker: Reranker | undefined;

/** A new, empty matcher with the shipped model. */
export async function newMatcher(): Promise<Matcher> {
  reranker ??= Reranker.load();
  return new Matcher(reranker, await loadWordVectors());
}
