import type { WordVectors } from './embeddings';

/** The word vectors the matcher uses: none yet. */
export async function loadWordVectors(): Promise<WordVectors | null> {
  return null;
}
