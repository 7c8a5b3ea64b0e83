/**
 * What the other speakers of a transcript do with a sentence
 * (server/checkworthiness/exchange.ts): a claim another speaker soon calls
 * wrong is disputed, one whose words they take up is echoed, and an article,
 * with no other speakers, has neither. Small texts made here.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyseText } from '../checkworthiness/analyse';
import { contextsOf } from '../checkworthiness/corpus';
import { exchangesOf } from '../checkworthiness/exchange';
import { namedFeatures } from '../checkworthiness/features';
import { loadModel } from '../checkworthiness/model';
import { TextScorer } from '../checkworthiness/scorer';

const DEBATE = [
  'SMITH: Unemployment in the county doubled under the governor.',
  'JONES: That is simply wrong. Unemployment fell in the county every year.',
  'SMITH: Thank you all for coming tonight.',
].join('\n');

const ARTICLE = [
  'Unemployment in the county doubled under the governor.',
  'Officials said the figure was wrong, and unemployment fell in the county every year.',
].join('\n');

describe('the exchange around a transcript sentence', () => {
  it('marks a claim another speaker soon calls wrong as disputed, and their reply echoing its words', () => {
    const exchanges = exchangesOf(analyseText(DEBATE));
    assert.equal(exchanges.length, 4);
    assert.deepEqual(
      exchanges.map((e) => e.disputed),
      [true, false, false, false],
      'only the claim before the reply; a speaker never disputes their own turn',
    );
    // "unemployment" and "county" are taken up by JONES: two of the three counted.
    assert.equal(exchanges[0].echoed, 2 / 3);
    assert.equal(exchanges[3].echoed, 0, 'small talk shares no content word');
  });

  it('finds neither in an article, which has no other speakers', () => {
    const exchanges = exchangesOf(analyseText(ARTICLE));
    assert.deepEqual(exchanges, [
      { disputed: false, echoed: 0 },
      { disputed: false, echoed: 0 },
    ]);
  });

  it('gives them to the model as features, with a reason in words, raising the disputed claim', () => {
    const paragraphs = analyseText(DEBATE);
    const contexts = contextsOf(paragraphs);
    const ids = namedFeatures(paragraphs[0].sentences[0].words, contexts[0]).map((f) => f.id);
    assert.ok(ids.includes('disputed') && ids.includes('echoed'), ids.join(', '));
    const model = loadModel();
    assert.ok((model.weights.get('disputed') ?? 0) > 0, 'a disputed claim is more worth checking');
    const [claim] = new TextScorer(DEBATE).scoreSentences();
    assert.ok(
      claim.reasons.some((r) => r.startsWith('another speaker soon calls something wrong')),
      claim.reasons.join('; '),
    );
  });
});
