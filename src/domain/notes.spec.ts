import { mayDeleteNote } from './notes';

describe('mayDeleteNote', () => {
  const note = { author: 'casey', deletedAt: null };

  it('lets the author delete their own note, whatever their role', () => {
    expect(mayDeleteNote(note, { username: 'casey', role: 'fact_checker' })).toBeTrue();
  });

  it('lets editors and admins delete anyone’s note, but not another fact-checker', () => {
    expect(mayDeleteNote(note, { username: 'dana', role: 'editor' })).toBeTrue();
    expect(mayDeleteNote(note, { username: 'ada', role: 'admin' })).toBeTrue();
    expect(mayDeleteNote(note, { username: 'eli', role: 'fact_checker' })).toBeFalse();
  });

  it('never deletes a note twice', () => {
    const deleted = { author: 'casey', deletedAt: '2026-12-02T10:00:00.000Z' };
    expect(mayDeleteNote(deleted, { username: 'casey', role: 'fact_checker' })).toBeFalse();
  });
});
