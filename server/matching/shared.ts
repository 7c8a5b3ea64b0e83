/**
 * The matcher the server answers with: the committed re-ranker weights, read once per
 * process (every app a test starts shares them; each app keeps its own index of claims).
 */
import { Matcher } from './matcher';
import { Reranker } from './reranker';

let reranker: Reranker | undefined;

/** A new, empty matcher with the shipped model. */
export function newMatcher(): Matcher {
  reranker ??= Reranker.load();
  return new Matcher(reranker);
}
