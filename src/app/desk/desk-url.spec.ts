import { claimsPageParams, deskQueryFromParams } from './desk-url';

describe('the claims page URL', () => {
  it('reads every filter, lists comma-separated and the overdue flag', () => {
    expect(
      deskQueryFromParams({
        stage: 'new,in_review',
        verdict: 'false,none',
        assignee: 'me',
        overdue: '1',
        article: 'a1',
        q: ' growth ',
        sort: 'stage',
        dir: 'desc',
      }),
    ).toEqual({
      stage: ['new', 'in_review'],
      verdict: ['false', 'none'],
      assignee: 'me',
      overdue: true,
      article: 'a1',
      q: 'growth',
      sort: 'stage',
      dir: 'desc',
    });
  });

  it('leaves out what the server would refuse, and what is empty', () => {
    expect(
      deskQueryFromParams({
        stage: 'new,bogus,',
        verdict: 'maybe',
        overdue: '0',
        sort: 'random',
        dir: 'sideways',
        q: '  ',
        assignee: undefined,
      }),
    ).toEqual({ stage: ['new'] });
  });

  it('writes a query back, naming every filter so that unset ones leave the URL', () => {
    expect(claimsPageParams({ stage: ['approved'], article: 'a1', overdue: true })).toEqual({
      stage: 'approved',
      verdict: null,
      assignee: null,
      overdue: '1',
      article: 'a1',
      q: null,
      sort: null,
      dir: null,
    });
  });
});
