declare module 'wink-porter2-stemmer' {
  /** Porter's English stemmer, version 2: `stem('visited') === 'visit'`. */
  function stem(word: string): string;
  export = stem;
}
