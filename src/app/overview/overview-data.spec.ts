import { claimFixture } from '../workspace/state/claims.feature.spec';
import { stageBars, verdictBars, waitingClaims } from './overview-data';

describe('overview data', () => {
  const claims = [
    claimFixture({
      id: 'a',
      stage: 'in_review',
      verdict: 'false',
      submittedBy: 'casey',
      updatedAt: '2026-11-28T10:00:00.000Z',
    }),
    claimFixture({
      id: 'b',
      stage: 'in_review',
      verdict: 'false',
      submittedBy: 'robin',
      updatedAt: '2026-11-28T09:00:00.000Z',
    }),
    claimFixture({
      id: 'c',
      stage: 'changes_requested',
      verdict: null,
      assignee: 'casey',
      updatedAt: '2026-11-28T08:00:00.000Z',
    }),
    claimFixture({ id: 'd', stage: 'new', verdict: null }),
  ];

  it('counts claims per stage with bars scaled to the largest', () => {
    const bars = stageBars(claims);
    expect(bars.map((b) => [b.key, b.count])).toEqual([
      ['new', 1],
      ['researching', 0],
      ['in_review', 2],
      ['changes_requested', 1],
      ['approved', 0],
      ['dismissed', 0],
    ]);
    expect(bars.find((b) => b.key === 'in_review')?.share).toBe(100);
    expect(bars.find((b) => b.key === 'new')?.share).toBe(50);
  });

  it('counts claims per verdict, including those without one', () => {
    const bars = verdictBars(claims);
    expect(bars.find((b) => b.key === 'false')?.count).toBe(2);
    expect(bars.find((b) => b.key === 'none')?.count).toBe(2);
  });

  it('lists what waits for review and for whom, oldest first', () => {
    expect(waitingClaims(claims).map((w) => [w.claim.id, w.waitingFor])).toEqual([
      ['c', 'casey'],
      ['b', 'an editor other than robin'],
      ['a', 'an editor other than casey'],
    ]);
  });

  it('names people by their display names where known', () => {
    const names = new Map([['casey', 'Casey Ortiz']]);
    const nameOf = (username: string) => names.get(username) ?? username;
    expect(waitingClaims(claims, nameOf).map((w) => w.waitingFor)).toEqual([
      'Casey Ortiz',
      'an editor other than robin',
      'an editor other than Casey Ortiz',
    ]);
  });
});
