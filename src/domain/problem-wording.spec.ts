import { fieldLabel, problemWording } from './problem-wording';

const refused = (detail: string) => ({ title: 'Invalid request', detail });

describe('problemWording', () => {
  it('names the field by its label on the screen, not by its pointer', () => {
    const webhook = refused(
      '/body/url: 169.254.169.254 is a private or local address: webhooks reach public addresses only',
    );
    expect(problemWording(webhook, { url: 'Receiver URL' })).toBe(
      'Receiver URL: 169.254.169.254 is a private or local address: webhooks reach public addresses only',
    );
  });

  it('leaves the field out when the screen shows the refusal beside it', () => {
    expect(problemWording(refused('/body/url: 10.0.0.1 is private'), { url: '' })).toBe(
      '10.0.0.1 is private',
    );
    expect(problemWording(refused('/body/username is taken'), { '/body/username': '' })).toBe(
      'Is taken',
    );
  });

  it('uses the desk’s words for a field the screen does not label', () => {
    expect(problemWording(refused('/body/url must be an http:// or https:// link'))).toBe(
      'Link must be an http:// or https:// link',
    );
    expect(problemWording(refused('/body/displayName must contain visible text'))).toBe(
      'Display name must contain visible text',
    );
    expect(problemWording(refused('/querystring/end must be after start'))).toBe(
      'End must be after start',
    );
    expect(problemWording(refused('/headers/if-match must be the claim version, e.g. "3".'))).toBe(
      'If-Match header must be the claim version, e.g. "3".',
    );
  });

  it('names every field of a rule about several', () => {
    const both = refused('/body/start and /body/end must mark a passage');
    expect(problemWording(both)).toBe('Start and end must mark a passage');
    // Beside the start field, the sentence still needs both.
    expect(problemWording(both, { start: '' })).toBe('Start and end must mark a passage');
  });

  it('keeps a detail without a field, and the title when there is no detail', () => {
    expect(problemWording(refused('Only an editor can add an article.'))).toBe(
      'Only an editor can add an article.',
    );
    expect(problemWording({ title: 'Not found' })).toBe('Not found');
  });

  it('leaves the path of a link quoted in the text alone', () => {
    expect(problemWording(refused('https://example.org/body/page is not reachable'))).toBe(
      'https://example.org/body/page is not reachable',
    );
  });
});

describe('fieldLabel', () => {
  it('says which entry of a list is at fault', () => {
    expect(fieldLabel('/body/ids/0')).toBe('item 1 in selected claims');
    expect(fieldLabel('/body/file/claims/3/statement')).toBe('statement of item 4 in claims');
    expect(fieldLabel('/body/op/dueAt')).toBe('due date');
    expect(fieldLabel('/body/file/claims/3/evidence/0/url')).toBe(
      'link of item 1 in evidence of item 4 in claims',
    );
    expect(fieldLabel('/body/file/claims/3/evidence/0')).toBe(
      'item 1 in evidence of item 4 in claims',
    );
    expect(fieldLabel('/body/archivedUrl')).toBe('archived link');
    expect(fieldLabel('/querystring/q')).toBe('search words');
  });

  it('prefers the screen’s label for the whole pointer, then for the name', () => {
    expect(fieldLabel('/body/url', { '/body/url': 'Address of the article', url: 'x' })).toBe(
      'Address of the article',
    );
    expect(fieldLabel('/body/url', { url: 'Receiver URL' })).toBe('Receiver URL');
  });
});
