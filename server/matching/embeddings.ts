/** Word vectors: a text as the average of its words' vectors, unit length. */
export interface WordVectors {
  /** The unit-length average of the known words' vectors, or null when none is known. */
  average(words: readonly string[]): Float32Array | null;
}
