/** Porter's English stemmer, version 2: `stem('visited') === 'visit'`. */
declare function stem(word: string): string;
export = stem;
