import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { Note } from '../../../domain/claim';
import { Actor } from '../../../domain/workflow';
import { canDeleteNote, ClaimNotes } from './claim-notes';
import { ClaimDetailPageActions } from '../state/claim-detail.actions';
import { ChangeStatus, claimDetailFeature } from '../state/claim-detail.feature';
import { initialUsersState } from '../../users/state/users.feature';

const note = (overrides: Partial<Note>): Note => ({
  id: 'n1',
  claimId: 'c1',
  author: 'casey',
  authorRole: 'fact_checker',
  text: 'Two sources.',
  createdAt: '2026-11-28T10:00:00.000Z',
  deletedAt: null,
  deletedBy: null,
  mentions: [],
  ...overrides,
});
const notes = [
  note({}),
  note({ id: 'n2', author: 'dana', authorRole: 'editor', text: 'Name them.' }),
];
const casey: Actor = { username: 'casey', role: 'fact_checker' };
const dana: Actor = { username: 'dana', role: 'editor' };

describe('canDeleteNote', () => {
  it('mirrors the server: the author or an editor or admin may delete a note', () => {
    expect(canDeleteNote(note({}), casey)).toBeTrue();
    expect(canDeleteNote(note({ author: 'dana' }), casey)).toBeFalse();
    expect(canDeleteNote(note({}), dana)).toBeTrue();
    expect(canDeleteNote(note({}), { username: 'ada', role: 'admin' })).toBeTrue();
    expect(canDeleteNote(note({ deletedAt: '2026-11-28T11:00:00.000Z' }), dana)).toBeFalse();
    expect(canDeleteNote(note({}), null)).toBeFalse();
  });
});

describe('ClaimNotes', () => {
  let fixture: ComponentFixture<ClaimNotes>;
  let loader: HarnessLoader;
  let store: MockStore;
  let dispatched: jasmine.Spy;

  async function render(actor: Actor) {
    TestBed.configureTestingModule({
      providers: [
        provideMockStore({
          initialState: { users: initialUsersState },
          selectors: [{ selector: claimDetailFeature.selectChanges, value: {} }],
        }),
      ],
    });
    store = TestBed.inject(MockStore);
    dispatched = spyOn(store, 'dispatch').and.callThrough();
    fixture = TestBed.createComponent(ClaimNotes);
    fixture.componentRef.setInput('claimId', 'c1');
    fixture.componentRef.setInput('notes', notes);
    fixture.componentRef.setInput('actor', actor);
    fixture.componentRef.setInput('displayNames', new Map([['dana', 'Dana Reyes']]));
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
  }
  afterEach(() => TestBed.inject(MockStore).resetSelectors());

  async function answer(status: ChangeStatus) {
    store.overrideSelector(claimDetailFeature.selectChanges, { note: status });
    store.refreshState();
    await fixture.whenStable();
  }
  const noteBox = () =>
    loader.getHarness(MatInputHarness.with({ selector: '[data-testid="note-text"]' }));
  const deleteButtons = () => loader.getAllHarnesses(MatButtonHarness.with({ text: 'Delete' }));

  it('offers Delete to a fact-checker only on their own note', async () => {
    await render(casey);
    const buttons = await deleteButtons();
    expect(buttons.length).toBe(1);
    expect(await (await buttons[0].host()).getAttribute('aria-label')).toBe('Delete note by casey');
  });

  it('offers Delete to an editor on every note, and names authors by display name', async () => {
    await render(dana);
    expect((await deleteButtons()).length).toBe(2);
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('Dana Reyes');
  });

  it('asks before deleting a note', async () => {
    await render(casey);
    await (await deleteButtons())[0].click();
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('Delete this note?');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'No, keep it' }))).click();
    expect(dispatched).not.toHaveBeenCalled();

    await (await deleteButtons())[0].click();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Yes, delete' }))).click();
    expect(dispatched).toHaveBeenCalledOnceWith(
      ClaimDetailPageActions.noteDeleted({ claimId: 'c1', noteId: 'n1' }),
    );
  });

  it('keeps the typed note until the server has it, and after a failure', async () => {
    await render(casey);
    await (await noteBox()).setValue('  Checked the ministry figures.  ');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Add note' }))).click();
    expect(dispatched).toHaveBeenCalledWith(
      ClaimDetailPageActions.noteAdded({ claimId: 'c1', text: 'Checked the ministry figures.' }),
    );
    expect(await (await noteBox()).getValue()).toBe('  Checked the ministry figures.  ');

    await answer('pending');
    const adding = await loader.getHarness(MatButtonHarness.with({ text: 'Adding…' }));
    expect(await adding.isDisabled()).toBeTrue();
    await answer('failed');
    expect(await (await noteBox()).getValue()).toBe('  Checked the ministry figures.  ');

    await (await loader.getHarness(MatButtonHarness.with({ text: 'Add note' }))).click();
    await answer('pending');
    await answer('saved');
    expect(await (await noteBox()).getValue()).toBe('');
  });

  it('does not send an empty note', async () => {
    await render(casey);
    await (await noteBox()).setValue('   ');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Add note' }))).click();
    expect(dispatched).not.toHaveBeenCalled();
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('Write the note first.');
  });
});
