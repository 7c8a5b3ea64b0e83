import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatMenuHarness } from '@angular/material/menu/testing';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import { provideEffects } from '@ngrx/effects';
import { provideState, provideStore, Store } from '@ngrx/store';
import { SessionApiActions } from '../session/state/session.actions';
import { sessionFeature } from '../session/state/session.feature';
import { UsersApiActions } from '../users/state/users.actions';
import { usersFeature } from '../users/state/users.feature';
import { changedSince, claim, done, refused, user } from './fixtures.spec';
import { SelectionBar } from './selection-bar';
import * as bulkEffects from './state/bulk.effects';
import { bulkFeature } from './state/bulk.feature';

const DANA = user('dana', 'editor', 'Dana Park');
const PEOPLE = [user('casey', 'fact_checker', 'Casey Ng'), DANA];
const SELECTION = [
  claim('1', { statement: 'Crime fell by 20%.' }),
  claim('2', { statement: 'Shells went north.' }),
  claim('3', { stage: 'approved', statement: 'The bridge cost £2m.' }),
];
const LOCKED = 'The assignee cannot change while the claim is approved: reopen it first.';

/** The bar, the store, the effects and the snack bar together, against a fake server. */
describe('bulk actions, from the bar to Undo', () => {
  async function render() {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideStore(),
        provideState(sessionFeature),
        provideState(usersFeature),
        provideState(bulkFeature),
        provideEffects(bulkEffects),
      ],
    });
    const store = TestBed.inject(Store);
    store.dispatch(SessionApiActions.sessionRestored({ user: DANA }));
    store.dispatch(UsersApiActions.loadSucceeded({ users: PEOPLE }));
    const fixture = TestBed.createComponent(SelectionBar);
    fixture.componentRef.setInput('claims', SELECTION);
    const cleared = jasmine.createSpy('cleared');
    fixture.componentInstance.cleared.subscribe(cleared);
    await fixture.whenStable();
    return {
      fixture,
      cleared,
      http: TestBed.inject(HttpTestingController),
      loader: TestbedHarnessEnvironment.loader(fixture),
      root: TestbedHarnessEnvironment.documentRootLoader(fixture),
    };
  }

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('assigns, says the outcome in words, names the refused claim and undoes', async () => {
    const { fixture, cleared, http, loader, root } = await render();
    const menu = await loader.getHarness(MatMenuHarness.with({ triggerText: 'Assign (2 of 3)' }));
    await menu.open();
    await menu.clickItem({ text: 'Casey Ng' });

    const batch = http.expectOne('/api/claims/bulk');
    expect(batch.request.body).toEqual({
      ids: ['1', '2', '3'],
      op: { type: 'assign', assignee: 'casey' },
    });
    batch.flush({
      batchId: 'b1',
      results: [
        done('1', { assignee: 'casey' }),
        done('2', { assignee: 'casey' }),
        refused('3', LOCKED),
      ],
    });
    await fixture.whenStable();
    expect(cleared).toHaveBeenCalledTimes(1);

    const snack = await root.getHarness(MatSnackBarHarness);
    expect(await snack.getMessage()).toBe(
      '2 assigned; 1 refused: The assignee cannot change while the claim is approved: reopen it first',
    );

    await (await snack.getHarness(MatButtonHarness.with({ text: 'Details' }))).click();
    const details = await root.getHarness(MatDialogHarness);
    expect(await details.getTitleText()).toBe('Claims not changed');
    const listed = [...document.querySelectorAll('cd-bulk-outcome-details :is(dt, dd)')].map(
      (item) => `${item.tagName}: ${item.textContent?.trim()}`,
    );
    expect(listed).toEqual(['DT: “The bridge cost £2m.”', `DD: ${LOCKED.replace(/\.$/, '')}`]);
    await details.close();

    await (await snack.getHarness(MatButtonHarness.with({ text: 'Undo' }))).click();
    const undo = http.expectOne('/api/claims/bulk/b1/undo');
    expect(undo.request.method).toBe('POST');
    undo.flush({
      batchId: 'b1',
      results: [done('1'), changedSince('2')],
    });
    await fixture.whenStable();
    const undone = await root.getHarness(MatSnackBarHarness);
    expect(await undone.getMessage()).toBe('Undone for 1; 1 left alone: changed since');
    expect(await undone.getAllHarnesses(MatButtonHarness.with({ text: 'Undo' }))).toEqual([]);
    await (await undone.getHarness(MatButtonHarness.with({ text: 'Close' }))).click();
  });

  it('says a failed batch in the bar, keeps the selection, and can try again', async () => {
    const { fixture, cleared, http, loader, root } = await render();
    const approve = await loader.getHarness(MatButtonHarness.with({ text: /^Start research/ }));
    await approve.click();
    http
      .expectOne('/api/claims/bulk')
      .flush(
        { title: 'Forbidden', status: 403, detail: 'Your session cannot change these claims.' },
        { status: 403, statusText: 'Forbidden' },
      );
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    expect(host.querySelector('[role="alert"]')?.textContent?.trim()).toBe(
      'Nothing was changed: Your session cannot change these claims.',
    );
    expect(cleared).not.toHaveBeenCalled();
    expect(host.textContent).toContain('3 claims selected');
    expect(await root.getAllHarnesses(MatSnackBarHarness)).toEqual([]);

    await approve.click();
    http.expectOne('/api/claims/bulk').flush({ batchId: 'b2', results: [done('1'), done('2')] });
    await fixture.whenStable();
    expect(host.querySelector('[role="alert"]')).toBeNull();
    expect(cleared).toHaveBeenCalledTimes(1);
    const snack = await root.getHarness(MatSnackBarHarness);
    expect(await snack.getMessage()).toBe('2 started');
    await (await snack.getHarness(MatButtonHarness.with({ text: 'Close' }))).click();
  });
});
