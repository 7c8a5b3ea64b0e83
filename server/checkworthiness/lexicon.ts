/**
 * Word lists the features read, by dictionary form (compromise's `root`).
 * They name kinds of words; how much each kind counts is learnt, not set here.
 */

/** Verbs that report what someone said: the sentence may carry a claim, or only introduce one. */
export const ATTRIBUTION_VERBS = new Set([
  'say',
  'tell',
  'state',
  'confirm',
  'announce',
  'report',
  'claim',
  'assert',
  'deny',
  'indicate',
  'reveal',
  'estimate',
  'warn',
  'insist',
  'admit',
  'allege',
  'declare',
  'testify',
  'disclose',
  'acknowledge',
]);

/** Verbs of change and record: what a checker can measure against a before and an after. */
export const CHANGE_VERBS = new Set([
  'increase',
  'decrease',
  'rise',
  'fall',
  'grow',
  'drop',
  'double',
  'triple',
  'cut',
  'raise',
  'lower',
  'lose',
  'gain',
  'create',
  'add',
  'spend',
  'cost',
  'pay',
  'owe',
  'borrow',
  'build',
  'close',
  'kill',
  'die',
  'vote',
  'sign',
  'pass',
  'fund',
  'invest',
  'import',
  'export',
  'reduce',
  'expand',
  'shrink',
  'hire',
  'fire',
  'ban',
  'approve',
  'oppose',
  'support',
]);

/** Verbs that report a view, not a fact: "I believe", "critics argue". */
export const BELIEF_VERBS = new Set([
  'believe',
  'think',
  'feel',
  'guess',
  'hope',
  'argue',
  'reckon',
  'suppose',
  'wish',
]);

/** Words that insult: a sentence built on one is a jab, not a claim. */
export const INSULTS = new Set([
  'idiot',
  'moron',
  'fool',
  'clown',
  'loser',
  'liar',
  'stupid',
  'dumb',
  'foolish',
  'crazy',
  'insane',
  'ridiculous',
  'absurd',
  'pathetic',
  'disgrace',
  'disgraceful',
  'shameful',
  'nasty',
  'incompetent',
  'nonsense',
  'sleazy',
  'lightweight',
]);

/** Words that judge rather than describe (a claim may still carry one: "a disastrous deal that cost 70,000 jobs"). */
export const JUDGEMENT_WORDS = new Set([
  'outrageous',
  'terrible',
  'horrible',
  'awful',
  'disaster',
  'disastrous',
  'weak',
  'corrupt',
  'wonderful',
  'fantastic',
  'great',
  'amazing',
  'incredible',
  'tremendous',
  'beautiful',
  'brilliant',
  'nice',
  'lovely',
  'unfair',
  'wrong',
  'sad',
  'bad',
  'good',
  'best',
  'worst',
  'unacceptable',
  'deplorable',
  'appalling',
  'reckless',
  'irresponsible',
  'dangerous',
]);

/** Words that make a statement stronger without making it more checkable. */
export const INTENSIFIERS = new Set([
  'very',
  'so',
  'really',
  'totally',
  'absolutely',
  'truly',
  'extremely',
  'incredibly',
  'frankly',
  'honestly',
  'believe',
]);

/** Openers of speech that carry no claim: "Well,", "Thank you", "Look,". */
export const INTERJECTIONS = new Set([
  'well',
  'yes',
  'no',
  'okay',
  'ok',
  'thank',
  'thanks',
  'look',
  'oh',
  'please',
  'sure',
  'right',
  'all',
]);

export const PRESCRIPTIVE = new Set(['should', 'must', 'ought']);
export const HEDGES = new Set(['may', 'might', 'could', 'would']);

/** Number words that count something; "one" is left out: it is far more often a pronoun. */
export const NUMBER_WORDS = new Set([
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'fifteen',
  'twenty',
  'thirty',
  'forty',
  'fifty',
  'sixty',
  'seventy',
  'eighty',
  'ninety',
  'hundred',
  'hundreds',
  'thousand',
  'thousands',
  'million',
  'millions',
  'billion',
  'billions',
  'trillion',
  'dozen',
  'dozens',
  'half',
  'double',
  'twice',
  'triple',
]);

export const LARGE_NUMBERS = new Set(['thousand', 'million', 'billion', 'trillion']);

export const FIRST_SINGULAR = new Set(['i', 'me', 'my', 'mine', 'myself']);
export const FIRST_PLURAL = new Set(['we', 'us', 'our', 'ours', 'ourselves']);
export const SECOND_PERSON = new Set(['you', 'your', 'yours', 'yourself']);
export const NEGATIONS = new Set(['not', 'never', 'no', 'nobody', 'nothing', 'none']);
export const CONJUNCTIONS = new Set(['and', 'but', 'so', 'because', 'or']);
