import { ClaimSummary } from './claim';
import {
  BulkItemResult,
  bulkOutcomeWords,
  deskQueryParams,
  queuesFor,
  undoOutcomeWords,
} from './desk';

describe('desk queries', () => {
  it('become URL parameters: lists comma-separated, flags 1, defaults left out', () => {
    expect(
      deskQueryParams({
        assignee: 'me',
        stage: ['new', 'researching'],
        verdict: [],
        overdue: true,
        q: '',
        archived: false,
        limit: 20,
      }),
    ).toEqual({ assignee: 'me', stage: 'new,researching', overdue: '1', limit: '20' });
  });

  it('give a fact-checker her own work: sent back, researching, then new', () => {
    expect(queuesFor('fact_checker').map((queue) => queue.id)).toEqual([
      'sent_back',
      'researching',
      'assigned_new',
    ]);
    expect(queuesFor('fact_checker').every((queue) => queue.query.assignee === 'me')).toBeTrue();
  });

  it('give editors and admins what waits for their review, oldest first, then the desk', () => {
    for (const role of ['editor', 'admin'] as const) {
      const [review, overdue, unassigned] = queuesFor(role);
      expect(review.query).toEqual(
        jasmine.objectContaining({ stage: ['in_review'], notSubmittedBy: 'me', dir: 'asc' }),
      );
      expect(overdue.query.overdue).toBeTrue();
      expect(unassigned.query).toEqual(jasmine.objectContaining({ assignee: 'none' }));
    }
  });
});

describe('bulk outcome in words', () => {
  const ok = (id: string): BulkItemResult => ({ id, status: 200, claim: {} as ClaimSummary });
  const refused = (id: string, detail: string): BulkItemResult => ({
    id,
    status: 409,
    problem: { title: 'Action refused', status: 409, detail },
  });

  it('counts what was done and what was refused, with each distinct reason once', () => {
    const results = [
      ...['a', 'b', 'c', 'd', 'e', 'f', 'g'].map(ok),
      refused('h', 'already approved.'),
      refused('i', 'already approved.'),
    ];
    expect(bulkOutcomeWords({ type: 'assign', assignee: 'casey' }, results)).toBe(
      '7 assigned; 2 refused: already approved',
    );
  });

  it('says why in short words by the refusal code, naming a settled stage', () => {
    const approved = {
      ...refused('x', 'The assignee cannot change while the claim is approved: reopen it first.'),
      problem: { title: 'Not allowed', status: 403, code: 'field_locked' },
      claim: { stage: 'approved' } as ClaimSummary,
    };
    const mine = {
      id: 'y',
      status: 409,
      problem: { title: 'Action refused', status: 409, code: 'maker_checker' },
    };
    expect(
      bulkOutcomeWords({ type: 'transition', action: 'approve' }, [ok('a'), approved, mine]),
    ).toBe('1 approved; 2 refused: already approved; you submitted them');
    expect(
      undoOutcomeWords([ok('a'), { ...mine, problem: { ...mine.problem, code: 'changed_since' } }]),
    ).toBe('Undone for 1; 1 left alone: changed since');
  });

  it('says unassigning and clearing due dates as such', () => {
    expect(bulkOutcomeWords({ type: 'assign', assignee: null }, [ok('a')])).toBe('1 unassigned');
    expect(bulkOutcomeWords({ type: 'due', dueAt: null }, [ok('a'), ok('b')])).toBe(
      '2 due dates cleared',
    );
    expect(bulkOutcomeWords({ type: 'transition', action: 'approve' }, [ok('a')])).toBe(
      '1 approved',
    );
  });
});
