import { claimFixture } from './claims.feature.spec';
import { AnsweredVersions } from './answered-versions';

describe('AnsweredVersions', () => {
  it('follows a run of the person’s own saves to the newest version', () => {
    const answers = new AnsweredVersions();
    answers.remember(3, claimFixture({ id: 'c1', version: 4 }));
    answers.remember(4, claimFixture({ id: 'c1', version: 5 }));
    expect(answers.resolve('c1', 3).version).toBe(5);
    expect(answers.resolve('c1', 3).latest?.version).toBe(5);
    expect(answers.resolve('c2', 3)).toEqual({ version: 3, latest: null });
  });

  it('keeps a bounded number of answers however long the session', () => {
    const answers = new AnsweredVersions();
    for (let claim = 0; claim < 300; claim++) {
      for (let version = 1; version <= 30; version++) {
        answers.remember(version, claimFixture({ id: `c${claim}`, version: version + 1 }));
      }
    }
    expect(answers.size).toBeLessThanOrEqual(100 * 20);
    // The newest claim's recent saves are still followed.
    expect(answers.resolve('c299', 29).version).toBe(31);
  });
});
