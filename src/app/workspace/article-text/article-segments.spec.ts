import { VERDICT_DEFINITIONS, VERDICTS } from '../../../domain/verdicts';
import { STAGE_LABELS, STAGES } from '../../../domain/workflow';
import {
  legendEntries,
  markClasses,
  markDetails,
  markLabel,
  segmentArticle,
  statusInWords,
} from './article-segments';
import { claimFixture } from '../state/claims.feature.spec';

describe('segmentArticle', () => {
  const text = 'Heading\nAlpha beta gamma delta.';

  it('keeps the text whole and marks heading lines', () => {
    const lines = segmentArticle(text, [], new Set([0]));
    expect(lines.map((l) => l.heading)).toEqual([true, false]);
    expect(lines.map((l) => l.runs.map((r) => r.text).join('')).join('\n')).toBe(text);
  });

  it('splits runs at claim boundaries, innermost claim first where claims overlap', () => {
    const outer = { id: 'outer', start: 8, end: 24 }; // "Alpha beta gamma"
    const inner = { id: 'inner', start: 14, end: 18 }; // "beta"
    const [, line] = segmentArticle(text, [outer, inner], new Set());
    expect(line.runs.map((r) => [r.text, r.claimIds])).toEqual([
      ['Alpha ', ['outer']],
      ['beta', ['inner', 'outer']],
      [' gamma', ['outer']],
      [' delta.', []],
    ]);
  });

  it('covers a claim that spans two lines on both', () => {
    const lines = segmentArticle(text, [{ id: 'c', start: 4, end: 13 }], new Set());
    expect(lines[0].runs.find((r) => r.text === 'ing')?.claimIds).toEqual(['c']);
    expect(lines[1].runs.find((r) => r.text === 'Alpha')?.claimIds).toEqual(['c']);
  });
});

describe('highlight details', () => {
  const claims = [
    claimFixture({ id: 'a', stage: 'in_review', verdict: 'mostly_false', statement: 'A.' }),
    claimFixture({ id: 'b', stage: 'new', verdict: null, statement: 'B.' }),
  ];

  it('puts stage and verdict in words', () => {
    expect(statusInWords(claims[0])).toBe('In review, verdict Mostly false');
    expect(statusInWords(claims[1])).toBe('New, no verdict yet');
    expect(markDetails(claims).get('b')).toEqual({
      status: 'New, no verdict yet',
      statement: 'B.',
    });
  });

  it('colours by stage or by verdict', () => {
    expect([...markClasses(claims, 'stage').values()]).toEqual(['stage-in_review', 'stage-new']);
    expect([...markClasses(claims, 'verdict').values()]).toEqual([
      'verdict-mostly-false',
      'verdict-none',
    ]);
  });

  it('gives the legend every colour of the colouring, named as the domain names it', () => {
    expect(legendEntries('stage')).toEqual(
      STAGES.map((stage) => ({ className: `stage-${stage}`, label: STAGE_LABELS[stage] })),
    );
    const byVerdict = legendEntries('verdict');
    expect(byVerdict.map((entry) => entry.label)).toEqual([
      ...VERDICTS.map((verdict) => VERDICT_DEFINITIONS[verdict].label),
      'No verdict yet',
    ]);
    // Each highlight's class is one the legend explains.
    const explained = new Set(byVerdict.map((entry) => entry.className));
    expect([...markClasses(claims, 'verdict').values()].every((c) => explained.has(c))).toBeTrue();
    expect(byVerdict.find((e) => e.className === 'verdict-mostly-false')?.label).toBe(
      'Mostly false',
    );
  });

  it('names a run by every claim on it', () => {
    const details = markDetails(claims);
    const run = { start: 0, end: 5, text: 'words', claimIds: ['a', 'b'] };
    expect(markLabel(run, details)).toBe(
      '2 claims on these words, In review, verdict Mostly false; New, no verdict yet: words',
    );
    expect(markLabel({ ...run, claimIds: ['b'] }, details)).toBe(
      'Claim, New, no verdict yet: words',
    );
  });
});

describe('segmentArticle with suggestions', () => {
  it('cuts runs at suggestions too and flags the suggested ones, apart from claims', () => {
    const text = 'Alpha beta gamma delta.';
    const [line] = segmentArticle(text, [{ id: 'c1', start: 0, end: 5 }], new Set(), [
      { start: 11, end: 16 },
    ]);
    expect(line.runs.map((r) => [r.text, r.claimIds, r.suggested ?? false])).toEqual([
      ['Alpha', ['c1'], false],
      [' beta ', [], false],
      ['gamma', [], true],
      [' delta.', [], false],
    ]);
  });
});
