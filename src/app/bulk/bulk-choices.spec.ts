import { Actor } from '../../domain/workflow';
import { bulkChoices } from './bulk-choices';
import { claim } from './fixtures.spec';

const casey: Actor = { username: 'casey', role: 'fact_checker' };
const dana: Actor = { username: 'dana', role: 'editor' };
const ada: Actor = { username: 'ada', role: 'admin' };

const labels = (actor: Actor, claims = MIXED) =>
  bulkChoices(claims, actor).actions.map((option) => option.label);

/** Five claims across the stages; two of the three in review were submitted by dana. */
const MIXED = [
  claim('1', { stage: 'in_review', submittedBy: 'dana' }),
  claim('2', { stage: 'in_review', submittedBy: 'casey' }),
  claim('3', { stage: 'in_review', submittedBy: 'dana' }),
  claim('4', { stage: 'new' }),
  claim('5', { stage: 'approved', submittedBy: 'casey' }),
];

describe('bulkChoices', () => {
  it('offers nothing without a signed-in person or a selection', () => {
    expect(bulkChoices(MIXED, null)).toEqual({ assign: null, due: null, actions: [] });
    expect(bulkChoices([], dana)).toEqual({ assign: null, due: null, actions: [] });
  });

  it('counts an editor’s own submissions out of Approve (maker-checker), not out of Request changes', () => {
    expect(labels(dana)).toEqual([
      'Start research (1 of 5)',
      'Request changes (3 of 5)',
      'Approve (1 of 5)',
      'Reopen (1 of 5)',
      'Dismiss (1 of 5)',
    ]);
  });

  it('leaves Approve out when the editor submitted every claim in review', () => {
    const own = [MIXED[0], MIXED[2]];
    expect(labels(dana, own)).toEqual(['Request changes (2 of 2)']);
  });

  it('gives an admin the editor’s actions, under the same maker-checker rule', () => {
    expect(labels(ada)).toContain('Approve (3 of 5)');
    expect(labels({ username: 'casey', role: 'admin' })).toContain('Approve (2 of 5)');
  });

  it('offers a fact-checker only the research actions, and submit only where the finding is complete', () => {
    const claims = [
      claim('1', { stage: 'new' }),
      claim('2', { stage: 'researching', verdict: 'false', rationale: 'Wrong.', evidenceCount: 1 }),
      claim('3', { stage: 'researching' }),
      claim('4', { stage: 'in_review' }),
    ];
    expect(labels(casey, claims)).toEqual([
      'Start research (1 of 4)',
      'Submit for review (1 of 4)',
    ]);
  });

  it('says which actions ask for a note or a reason', () => {
    const byAction = new Map(
      bulkChoices(MIXED, dana).actions.map((option) => [option.action, option.requires]),
    );
    expect(byAction.get('approve')).toBeNull();
    expect(byAction.get('request_changes')).toBe('note');
    expect(byAction.get('dismiss')).toBe('reason');
  });

  it('offers Assign to everyone, counting the claims whose stage lets the assignee change', () => {
    expect(bulkChoices(MIXED, casey).assign?.label).toBe('Assign (4 of 5)');
    expect(bulkChoices(MIXED, dana).assign?.label).toBe('Assign (4 of 5)');
    expect(bulkChoices([MIXED[4]], dana).assign).toEqual({
      applies: 0,
      total: 1,
      label: 'Assign (0 of 1)',
    });
  });

  it('offers Due date to editors and admins only', () => {
    expect(bulkChoices(MIXED, casey).due).toBeNull();
    expect(bulkChoices(MIXED, dana).due?.label).toBe('Due date (4 of 5)');
    expect(bulkChoices(MIXED, ada).due?.applies).toBe(4);
  });
});
