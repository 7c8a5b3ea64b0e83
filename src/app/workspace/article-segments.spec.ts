import { segmentArticle } from './article-segments';

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
