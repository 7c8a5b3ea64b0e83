import { ClaimSummary } from '../../../domain/claim';
import { applyFilter, ClaimFilter, EMPTY_FILTER, sameFilter } from '../../../domain/claim-filter';
import { ClaimSearch } from './claim-search';
import { claimsFeature } from './claims.feature';
import { claimFixture } from './claims.feature.spec';

const WORDS = [
  'shells',
  'shelter',
  'shore',
  'kremlin',
  'visit',
  'visa',
  'putin’s',
  'café',
  'Ström',
];
const STAGES = ['new', 'researching', 'approved'] as const;

/** Claims in article order with overlapping words, stages, assignees and some notes. */
function claims(): ClaimSummary[] {
  return Array.from({ length: 60 }, (_, i) =>
    claimFixture({
      id: `c${i}`,
      start: i * 10,
      end: i * 10 + 5,
      quote: `${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]}`,
      statement: `Statement ${i} about ${WORDS[(i * 3) % WORDS.length]}`,
      rationale: i % 4 === 0 ? `Because of the ${WORDS[(i * 5) % WORDS.length]}` : null,
      stage: STAGES[i % STAGES.length],
      assignee: i % 2 ? 'casey' : null,
      evidenceCount: i % 5,
    }),
  );
}

function notesFor(list: readonly ClaimSummary[]): Record<string, string> {
  return Object.fromEntries(
    list.filter((_, i) => i % 6 === 0).map((claim, i) => [claim.id, `Ask the museum ${i}`]),
  );
}

/** What a person types into the search box: letters one by one, then erased, then another word. */
const TYPED = [
  's',
  'sh',
  'she',
  'shel',
  'shell',
  'shel',
  'she',
  'sh',
  's',
  '',
  'v',
  'vis',
  'visi',
  'visit',
  'visit ',
  'visit k',
  'visit kre',
  'visit kr',
  'visit',
  'VISIT',
  'mus',
  'museum',
  'shells museum',
  'putin’s',
  "putin's",
  'cafe',
  'strom',
  'x',
  '',
];

describe('ClaimSearch', () => {
  const all = claims();
  const notes = notesFor(all);
  const noteOf = (claim: ClaimSummary) =>
    Object.hasOwn(notes, claim.id) ? notes[claim.id] : undefined;
  const ids = (list: readonly ClaimSummary[]) => list.map((claim) => claim.id);

  const filters: readonly [string, Partial<ClaimFilter>][] = [
    ['no other field', {}],
    ['a stage', { stages: ['new', 'approved'] }],
    ['mine', { mine: true }],
    ['a sort', { sort: 'evidence', descending: true }],
  ];
  for (const [name, fields] of filters) {
    it(`finds what applyFilter finds for every key typed and erased (${name})`, () => {
      const search = new ClaimSearch<ClaimSummary>();
      for (const query of TYPED) {
        const filter = { ...EMPTY_FILTER, ...fields, query };
        expect(ids(search.visible(all, filter, 'casey', noteOf, notes)))
          .withContext(query)
          .toEqual(ids(applyFilter(all, filter, 'casey', noteOf)));
      }
    });
  }

  it('tests only the claims the last search found when a key narrows it', () => {
    const search = new ClaimSearch<ClaimSummary>();
    const filter = (query: string) => ({ ...EMPTY_FILTER, query });
    const earlier = search.visible(all, filter('vis'), null, noteOf, notes);
    expect(earlier.length).toBeGreaterThan(0);
    expect(earlier.length).toBeLessThan(all.length);
    const includes = spyOn(String.prototype, 'includes').and.callThrough();
    const found = search.visible(all, filter('visit'), null, noteOf, notes);
    // One test per claim found before, and one to see that "visit" narrows "vis".
    const tests = includes.calls.count();
    expect(tests).toBe(earlier.length + 1);
    expect(ids(found)).toEqual(ids(applyFilter(all, filter('visit'), null, noteOf)));
  });

  it("reads and normalises each claim's notes once while the claims and notes stay the same", () => {
    const search = new ClaimSearch<ClaimSummary>();
    const read = new Map<string, number>();
    const counting = (claim: ClaimSummary) => {
      read.set(claim.id, (read.get(claim.id) ?? 0) + 1);
      return noteOf(claim);
    };
    for (const query of TYPED) {
      search.visible(all, { ...EMPTY_FILTER, query }, null, counting, notes);
    }
    expect(read.size).toBe(all.length);
    expect([...read.values()].every((times) => times === 1)).toBeTrue();
    // New notes: read again, once.
    search.visible(all, { ...EMPTY_FILTER, query: 'museum' }, null, counting, { ...notes });
    expect([...read.values()].every((times) => times === 2)).toBeTrue();
  });

  it('answers a letter erased from what it found a moment ago, and never sorts that in place', () => {
    const search = new ClaimSearch<ClaimSummary>();
    const sorted = { ...EMPTY_FILTER, sort: 'evidence' as const, query: 'sh' };
    const first = search.visible(all, { ...EMPTY_FILTER, query: 'sh' }, null, noteOf, notes);
    search.visible(all, { ...EMPTY_FILTER, query: 'she' }, null, noteOf, notes);
    expect(search.visible(all, { ...EMPTY_FILTER, query: 'sh' }, null, noteOf, notes)).toBe(first);
    const before = ids(first);
    search.visible(all, sorted, null, noteOf, notes);
    expect(ids(first)).toEqual(before);
  });

  it('starts afresh when a claim, the notes, the person or another field changes', () => {
    const search = new ClaimSearch<ClaimSummary>();
    const query = { ...EMPTY_FILTER, query: 'museum' };
    expect(search.visible(all, query, null, noteOf, notes).length).toBeGreaterThan(0);
    // A claim changed: a new array with a new object for it.
    const renamed = all.map((claim, i) => (i === 1 ? { ...claim, quote: 'museum piece' } : claim));
    expect(ids(search.visible(renamed, query, null, noteOf, notes))).toContain('c1');
    // Notes dropped: a new note text object.
    const none = {};
    expect(search.visible(renamed, query, null, () => undefined, none).map((c) => c.id)).toEqual([
      'c1',
    ]);
    // Another person, another stage.
    const mine = { ...query, query: 'shells', mine: true };
    expect(ids(search.visible(renamed, mine, 'casey', noteOf, notes))).toEqual(
      ids(applyFilter(renamed, mine, 'casey', noteOf)),
    );
    expect(ids(search.visible(renamed, mine, 'robin', noteOf, notes))).toEqual([]);
    const staged = { ...mine, stages: ['new' as const] };
    expect(ids(search.visible(renamed, staged, 'casey', noteOf, notes))).toEqual(
      ids(applyFilter(renamed, staged, 'casey', noteOf)),
    );
  });
});

describe('the filter selector', () => {
  it('keeps its object while the value stays the same (the search reaching the URL)', () => {
    const typed = claimsFeature.selectFilter.projector({ stage: 'new' }, 'shells');
    const synced = claimsFeature.selectFilter.projector({ stage: 'new', q: 'shells' }, null);
    expect(sameFilter(typed, synced)).toBeTrue();
    const state = (params: object, draft: string | null) => ({
      router: { state: { root: { queryParams: params, firstChild: null } } },
      claims: { searchDraft: draft },
    });
    const first = claimsFeature.selectFilter(state({ stage: 'new' }, 'shells'));
    const second = claimsFeature.selectFilter(state({ stage: 'new', q: 'shells' }, null));
    expect(second).toBe(first);
    const third = claimsFeature.selectFilter(state({ stage: 'new', q: 'shells' }, 'shell'));
    expect(third).not.toBe(first);
    expect(third.query).toBe('shell');
  });

  it('tells filters apart by every field', () => {
    const base: ClaimFilter = { ...EMPTY_FILTER, stages: ['new'], query: 'x' };
    expect(sameFilter(base, { ...base, stages: ['new'] })).toBeTrue();
    expect(sameFilter(base, { ...base, stages: ['approved'] })).toBeFalse();
    expect(sameFilter(base, { ...base, verdicts: ['none'] })).toBeFalse();
    expect(sameFilter(base, { ...base, kinds: ['figure'] })).toBeFalse();
    expect(sameFilter(base, { ...base, mine: true })).toBeFalse();
    expect(sameFilter(base, { ...base, query: 'y' })).toBeFalse();
    expect(sameFilter(base, { ...base, sort: 'quote' })).toBeFalse();
    expect(sameFilter(base, { ...base, descending: true })).toBeFalse();
  });
});
