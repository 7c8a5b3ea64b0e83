import { canAdopt, canMarkRepeat } from './claim-memory';
import type { Actor } from './workflow';

const editor: Actor = { username: 'dana', role: 'editor' };
const checker: Actor = { username: 'casey', role: 'fact_checker' };

describe('claim memory rules', () => {
  it('lets editors mark repeats, except while the claim is approved', () => {
    expect(canMarkRepeat({ stage: 'new' }, editor).allowed).toBeTrue();
    expect(canMarkRepeat({ stage: 'dismissed' }, editor).allowed).toBeTrue();
    const role = canMarkRepeat({ stage: 'new' }, checker);
    expect(role.allowed ? null : role.refusal.code).toBe('field_role');
    const locked = canMarkRepeat({ stage: 'approved' }, editor);
    expect(locked.allowed ? null : locked.refusal.message).toContain('reopen it first');
  });

  it('lets whoever may write the finding adopt, naming the field at fault', () => {
    expect(canAdopt({ stage: 'researching' }, checker).allowed).toBeTrue();
    const inReview = canAdopt({ stage: 'in_review' }, editor);
    expect(inReview.allowed).toBeFalse();
    expect(inReview.field).toBe('verdict');
  });
});
