import { delivery } from './webhook-admin.spec';
import { deliveryWording, eventsWording, randomSecret } from './webhook-wording';

describe('webhook wording', () => {
  it('names the events, or every event', () => {
    expect(eventsWording(['*'])).toBe('Every event');
    expect(eventsWording(['claim.submitted', 'claim.changes_requested'])).toBe(
      'Submitted for review, Changes requested',
    );
  });

  it('says how a delivery stands', () => {
    expect(deliveryWording(delivery({ status: 'pending', attempts: 0 }))).toBe('Queued');
    expect(deliveryWording(delivery({ status: 'pending', attempts: 1 }))).toBe(
      'Retrying (1 attempt so far)',
    );
    expect(deliveryWording(delivery({ attempts: 3 }))).toBe('Delivered after 3 attempts');
    expect(deliveryWording(delivery({ status: 'failed', attempts: 10 }))).toBe(
      'Failed after 10 attempts',
    );
  });

  it('makes a new 256-bit secret each time', () => {
    const [a, b] = [randomSecret(), randomSecret()];
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toBe(b);
  });
});
