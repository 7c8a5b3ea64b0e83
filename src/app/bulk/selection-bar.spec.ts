import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HarnessLoader } from '@angular/cdk/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatMenuHarness } from '@angular/material/menu/testing';
import { MatRadioGroupHarness } from '@angular/material/radio/testing';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { firstValueFrom } from 'rxjs';
import { ClaimSummary } from '../../domain/claim';
import { BulkOp } from '../../domain/desk';
import { Actor } from '../../domain/workflow';
import { sessionFeature } from '../session/state/session.feature';
import { usersFeature } from '../users/state/users.feature';
import { claim, done, refused, user } from './fixtures.spec';
import { SelectionBar } from './selection-bar';
import { BulkBarActions } from './state/bulk.actions';
import { BulkInFlight, bulkFeature } from './state/bulk.feature';

const PEOPLE = [
  user('casey', 'fact_checker', 'Casey Ng'),
  user('dana', 'editor', 'Dana Park'),
  user('ada', 'admin', 'Ada Lovelace'),
  user('robin', 'fact_checker', 'Robin Gone', true),
];

/** Two in review (one submitted by dana), one new, one approved. */
const SELECTION = [
  claim('1', { stage: 'in_review', submittedBy: 'dana', statement: 'One' }),
  claim('2', { stage: 'in_review', submittedBy: 'casey', statement: 'Two' }),
  claim('3', { stage: 'new', statement: 'Three' }),
  claim('4', { stage: 'approved', statement: 'Four' }),
];

describe('SelectionBar', () => {
  afterEach(() => TestBed.inject(MockStore).resetSelectors());

  async function render(actor: Actor, claims: readonly ClaimSummary[] = SELECTION) {
    TestBed.configureTestingModule({
      providers: [
        provideMockStore({
          selectors: [
            { selector: sessionFeature.selectActor, value: actor },
            { selector: usersFeature.selectAll, value: PEOPLE },
            { selector: bulkFeature.selectBusy, value: false },
            { selector: bulkFeature.selectInFlight, value: null },
            { selector: bulkFeature.selectLastOutcome, value: null },
            { selector: bulkFeature.selectFailure, value: null },
          ],
        }),
      ],
    });
    const store = TestBed.inject(MockStore);
    const dispatched = spyOn(store, 'dispatch');
    const fixture = TestBed.createComponent(SelectionBar);
    fixture.componentRef.setInput('claims', claims);
    const cleared = jasmine.createSpy('cleared');
    fixture.componentInstance.cleared.subscribe(cleared);
    await fixture.whenStable();
    const loader = TestbedHarnessEnvironment.loader(fixture);
    const root = TestbedHarnessEnvironment.documentRootLoader(fixture);
    return { fixture, store, dispatched, cleared, loader, root };
  }

  const dana: Actor = { username: 'dana', role: 'editor' };
  const casey: Actor = { username: 'casey', role: 'fact_checker' };

  async function buttons(loader: HarnessLoader): Promise<string[]> {
    const all = await loader.getAllHarnesses(MatButtonHarness);
    return Promise.all(all.map((button) => button.getText()));
  }

  /** The request the bar dispatched last, with its id. */
  function lastRequest(dispatched: jasmine.Spy) {
    const action = dispatched.calls.mostRecent().args[0] as ReturnType<
      typeof BulkBarActions.batchRequested
    >;
    expect(action.type).toBe(BulkBarActions.batchRequested.type);
    return action;
  }

  function expectSent(dispatched: jasmine.Spy, op: BulkOp) {
    const action = lastRequest(dispatched);
    expect(action.request).toEqual({ ids: ['1', '2', '3', '4'], op });
    expect(action.labels).toEqual([
      { id: '1', label: '“One”' },
      { id: '2', label: '“Two”' },
      { id: '3', label: '“Three”' },
      { id: '4', label: '“Four”' },
    ]);
    return action.requestId;
  }

  function text(fixture: ComponentFixture<SelectionBar>): string {
    return (fixture.nativeElement as HTMLElement).textContent ?? '';
  }

  it('is a named toolbar that counts the selection', async () => {
    const { fixture } = await render(dana);
    const bar = (fixture.nativeElement as HTMLElement).querySelector('[role="toolbar"]');
    expect(bar?.getAttribute('aria-label')).toBe('Bulk actions on the selected claims');
    expect(bar?.textContent).toContain('4 claims selected');
    fixture.componentRef.setInput('claims', [SELECTION[0]]);
    await fixture.whenStable();
    expect(text(fixture)).toContain('1 claim selected');
  });

  it('offers an editor Assign, Due date and the actions the rules allow, with counts; own submissions are not approvable', async () => {
    const { loader } = await render(dana);
    expect(await buttons(loader)).toEqual([
      'Assign (3 of 4)',
      'Due date (3 of 4)',
      'Start research (1 of 4)',
      'Request changes (2 of 4)',
      'Approve (1 of 4)',
      'Reopen (1 of 4)',
      'Dismiss (1 of 4)',
      'Clear selection',
    ]);
  });

  it('offers a fact-checker Assign and the research actions, no due date', async () => {
    const { loader } = await render(casey);
    expect(await buttons(loader)).toEqual([
      'Assign (3 of 4)',
      'Start research (1 of 4)',
      'Clear selection',
    ]);
  });

  it('shows nothing to act on without a selection', async () => {
    const { loader } = await render(dana, []);
    expect(await buttons(loader)).toEqual([]);
  });

  it('assigns every selected claim to an active person chosen by display name, or to nobody', async () => {
    const { loader, dispatched } = await render(dana);
    const menu = await loader.getHarness(MatMenuHarness);
    await menu.open();
    const items = await menu.getItems();
    expect(await Promise.all(items.map((item) => item.getText()))).toEqual([
      'Nobody',
      'Ada Lovelace',
      'Casey Ng',
      'Dana Park',
    ]);
    await menu.clickItem({ text: 'Casey Ng' });
    expectSent(dispatched, { type: 'assign', assignee: 'casey' });
    await menu.open();
    await menu.clickItem({ text: 'Nobody' });
    expectSent(dispatched, { type: 'assign', assignee: null });
  });

  it('takes an action that needs nothing at once', async () => {
    const { loader, dispatched } = await render(dana);
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Approve (1 of 4)' }))).click();
    expectSent(dispatched, { type: 'transition', action: 'approve' });
  });

  it('asks once for the note a batch of requested changes needs', async () => {
    const { loader, root, dispatched } = await render(dana);
    const opened = firstValueFrom(TestBed.inject(MatDialog).afterOpened);
    await (await loader.getHarness(MatButtonHarness.with({ text: /^Request changes/ }))).click();
    await opened;
    const dialog = await root.getHarness(MatDialogHarness);
    await (await dialog.getHarness(MatInputHarness)).setValue('  Cite the ministry.  ');
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Request changes' }))).click();
    await firstValueFrom(TestBed.inject(MatDialog).afterAllClosed);
    expect(dispatched).toHaveBeenCalledTimes(1);
    expectSent(dispatched, {
      type: 'transition',
      action: 'request_changes',
      note: 'Cite the ministry.',
    });
  });

  it('asks once for the reason to dismiss, and sends nothing when cancelled', async () => {
    const { loader, root, dispatched } = await render(dana);
    const dismiss = await loader.getHarness(MatButtonHarness.with({ text: /^Dismiss/ }));
    await dismiss.click();
    let dialog = await root.getHarness(MatDialogHarness);
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Cancel' }))).click();
    await firstValueFrom(TestBed.inject(MatDialog).afterAllClosed);
    expect(dispatched).not.toHaveBeenCalled();

    await dismiss.click();
    dialog = await root.getHarness(MatDialogHarness);
    await (await dialog.getHarness(MatRadioGroupHarness)).checkRadioButton({ label: 'Duplicate' });
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Dismiss' }))).click();
    await firstValueFrom(TestBed.inject(MatDialog).afterAllClosed);
    expectSent(dispatched, { type: 'transition', action: 'dismiss', reason: 'duplicate' });
  });

  it('sets a due date and time for the batch, or clears it', async () => {
    const { loader, root, dispatched } = await render(dana);
    const due = await loader.getHarness(MatButtonHarness.with({ text: 'Due date (3 of 4)' }));
    await due.click();
    let dialog = await root.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Due date (3 of 4)');
    // Without a date and time, nothing is sent.
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Set due date' }))).click();
    expect(dispatched).not.toHaveBeenCalled();
    await (await dialog.getHarness(MatInputHarness)).setValue('2026-12-10T17:30');
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Set due date' }))).click();
    await firstValueFrom(TestBed.inject(MatDialog).afterAllClosed);
    expectSent(dispatched, {
      type: 'due',
      dueAt: new Date(2026, 11, 10, 17, 30).toISOString(),
    });

    await due.click();
    dialog = await root.getHarness(MatDialogHarness);
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Clear due date' }))).click();
    await firstValueFrom(TestBed.inject(MatDialog).afterAllClosed);
    expectSent(dispatched, { type: 'due', dueAt: null });
  });

  it('emits cleared once its own batch has changed claims', async () => {
    const { loader, store, dispatched, cleared, fixture } = await render(dana);
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Approve (1 of 4)' }))).click();
    const requestId = lastRequest(dispatched).requestId;
    const op: BulkOp = { type: 'transition', action: 'approve' };

    // Another bar's outcome is not this bar's.
    store.overrideSelector(bulkFeature.selectLastOutcome, {
      requestId: 'someone-else',
      batchId: 'b0',
      op,
      results: [done('9')],
      undo: null,
    });
    store.refreshState();
    await fixture.whenStable();
    expect(cleared).not.toHaveBeenCalled();

    const outcome = {
      requestId,
      batchId: 'b1',
      op,
      results: [done('2'), refused('1', 'You submitted this claim.')],
      undo: null,
    };
    store.overrideSelector(bulkFeature.selectLastOutcome, outcome);
    store.refreshState();
    await fixture.whenStable();
    expect(cleared).toHaveBeenCalledTimes(1);
    // The same outcome again (its undo, say) does not clear a newer selection.
    store.overrideSelector(bulkFeature.selectLastOutcome, { ...outcome, undo: 'pending' });
    store.refreshState();
    await fixture.whenStable();
    expect(cleared).toHaveBeenCalledTimes(1);
  });

  it('keeps the selection when every claim was refused', async () => {
    const { loader, store, dispatched, cleared, fixture } = await render(dana);
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Approve (1 of 4)' }))).click();
    store.overrideSelector(bulkFeature.selectLastOutcome, {
      requestId: lastRequest(dispatched).requestId,
      batchId: 'b1',
      op: { type: 'transition', action: 'approve' },
      results: [refused('1', 'Already approved.')],
      undo: null,
    });
    store.refreshState();
    await fixture.whenStable();
    expect(cleared).not.toHaveBeenCalled();
  });

  it('waits while a batch is on its way, saying so', async () => {
    const { loader, store, dispatched, fixture } = await render(dana);
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Approve (1 of 4)' }))).click();
    const inFlight: BulkInFlight = {
      requestId: lastRequest(dispatched).requestId,
      op: { type: 'transition', action: 'approve' },
      count: 4,
    };
    store.overrideSelector(bulkFeature.selectInFlight, inFlight);
    store.overrideSelector(bulkFeature.selectBusy, true);
    store.refreshState();
    await fixture.whenStable();
    const status = (fixture.nativeElement as HTMLElement).querySelector('[role="status"]');
    expect(status?.textContent).toBe('Changing 4 claims…');
    const all = await loader.getAllHarnesses(MatButtonHarness);
    const disabled = await Promise.all(all.map((button) => button.isDisabled()));
    // Everything but "Clear selection" waits.
    expect(disabled).toEqual([true, true, true, true, true, true, true, false]);
  });

  it('says a failed request in words and keeps the selection', async () => {
    const { loader, store, dispatched, cleared, fixture } = await render(dana);
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Approve (1 of 4)' }))).click();
    store.overrideSelector(bulkFeature.selectFailure, {
      requestId: lastRequest(dispatched).requestId,
      batchId: null,
      error: 'The server cannot be reached. Check your connection and try again.',
    });
    store.refreshState();
    await fixture.whenStable();
    const alert = (fixture.nativeElement as HTMLElement).querySelector('[role="alert"]');
    expect(alert?.textContent?.trim()).toBe(
      'Nothing was changed: The server cannot be reached. Check your connection and try again.',
    );
    expect(cleared).not.toHaveBeenCalled();
    expect(text(fixture)).toContain('4 claims selected');
  });

  it('refuses more claims than one batch may hold', async () => {
    const many = Array.from({ length: 501 }, (_unused, i) => claim(String(i)));
    const { loader, fixture } = await render(dana, many);
    expect(text(fixture)).toContain('Select at most 500 claims for one change.');
    const assign = await loader.getHarness(MatButtonHarness.with({ text: /^Assign/ }));
    expect(await assign.isDisabled()).toBeTrue();
  });

  it('clears the selection on request', async () => {
    const { loader, cleared } = await render(dana);
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Clear selection' }))).click();
    expect(cleared).toHaveBeenCalledTimes(1);
  });

  it('moves between its buttons with the arrow keys, Home and End', async () => {
    const { fixture } = await render(casey);
    const host = fixture.nativeElement as HTMLElement;
    document.body.appendChild(host);
    const bar = host.querySelector<HTMLElement>('[role="toolbar"]')!;
    const all = [...bar.querySelectorAll<HTMLButtonElement>('button')];
    all[0].focus();
    const press = (key: string) =>
      document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    press('ArrowRight');
    expect(document.activeElement).toBe(all[1]);
    press('End');
    expect(document.activeElement).toBe(all[2]);
    press('ArrowRight');
    expect(document.activeElement).toBe(all[0]);
    press('ArrowLeft');
    expect(document.activeElement).toBe(all[2]);
    press('Home');
    expect(document.activeElement).toBe(all[0]);
  });
});
