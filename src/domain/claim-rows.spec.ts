import type { ClaimSummary } from './claim';
import { CLAIM_ROW_FIELDS, ClaimRows, fromClaimRows, toClaimRows } from './claim-rows';

describe('claim rows', () => {
  const text = 'Turnout rose to 72 per cent, said the mayor, the highest since 1990.';
  const claim = (id: string, start: number, end: number, more: Partial<ClaimSummary> = {}) =>
    ({
      id,
      articleId: 'a1',
      quote: text.slice(start, end),
      start,
      end,
      statement: `Check ${id}`,
      kind: 'figure',
      stage: 'researching',
      verdict: 'true',
      rationale: 'From the count.',
      assignee: 'casey',
      submittedBy: null,
      dismissReason: null,
      dueAt: '2026-12-08T17:00:00.000Z',
      stageSince: '2026-12-01T09:00:00.000Z',
      claimant: 'The mayor',
      claimantType: 'Person',
      claimDate: '2026-11-30',
      summary: null,
      evidenceCount: 2,
      noteCount: 1,
      repeatOf: null,
      repeatCount: 0,
      version: 4,
      updatedAt: '2026-12-02T10:00:00.000Z',
      updatedBy: 'casey',
      ...more,
    }) as ClaimSummary;
  const claims = [
    claim('c1', 0, 27),
    claim('c2', 16, 27, { verdict: null, assignee: null, claimDate: null }),
    // A quote that is not the text between its offsets is sent as it is.
    claim('c3', 45, 67, { quote: 'the highest since 1989' }),
  ];
  /** As the server sends them and the browser parses them. */
  const sent = (rows: ClaimRows): ClaimRows => JSON.parse(JSON.stringify(rows)) as ClaimRows;

  it('reads back the same claims, with the same fields in the same order', () => {
    const read = fromClaimRows(sent(toClaimRows(claims, text)), 'a1', text);
    expect(read).toEqual(claims);
    expect(JSON.stringify(read)).toBe(JSON.stringify(claims));
  });

  it('sends each quote only where the article text does not already have it', () => {
    const rows = toClaimRows(claims, text);
    const quote = CLAIM_ROW_FIELDS.indexOf('quote');
    expect(rows.rows.map((row) => row[quote])).toEqual([null, null, 'the highest since 1989']);
    expect(rows.fields).not.toContain('articleId');
    // Each claim in under half its bytes as an object (the field names are sent once).
    rows.rows.forEach((row, index) =>
      expect(JSON.stringify(row).length).toBeLessThan(JSON.stringify(claims[index]).length / 2),
    );
  });

  it('finds fields by name: another order and unknown fields read right', () => {
    const rows = toClaimRows(claims, text);
    const fields = ['added', ...[...rows.fields].reverse()];
    const reordered: ClaimRows = {
      fields,
      rows: rows.rows.map((row) => ['new value', ...[...row].reverse()]),
    };
    expect(fromClaimRows(reordered, 'a1', text)).toEqual(claims);
  });

  it('refuses rows without a field a claim needs', () => {
    const rows = toClaimRows(claims, text);
    const withoutStage: ClaimRows = {
      fields: rows.fields.filter((field) => field !== 'stage'),
      rows: rows.rows,
    };
    expect(() => fromClaimRows(withoutStage, 'a1', text)).toThrowError(/stage/);
  });
});
