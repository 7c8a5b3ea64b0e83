/**
 * The matcher the server answers with: the committed re-ranker weights and word
 * translations, read once per process (every app a test starts shares them; each app
 * keeps its own index of claims).
 */
import { Matcher } from './matcher';
import { Reranker } from './reranker';
import { loadTranslations, type TranslationTable } from './translations';

let reranker: Reranker | undefined;
let translations: TranslationTable | undefined;

/** A new, empty matcher with the shipped model. */
export function newMatcher(): Matcher {
  reranker ??= Reranker.load();
  translations ??= loadTranslations();
  return new Matcher(reranker, translations);
}
