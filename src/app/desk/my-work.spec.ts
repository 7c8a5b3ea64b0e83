import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { provideRouter } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { Role } from '../../domain/workflow';
import { initialBulkState } from '../bulk/state/bulk.feature';
import { initialSessionState } from '../session/state/session.feature';
import { initialUsersState } from '../users/state/users.feature';
import { Clock } from './clock';
import { MyWork } from './my-work';
import { DeskApiActions, MyWorkPageActions } from './state/desk.actions';
import { deskFeature, DeskState, initialDeskState } from './state/desk.feature';
import { deskClaim, page, person } from './state/desk.feature.spec';
import { provideAppIcons } from '../shell/icons';

describe('MyWork', () => {
  afterEach(() => TestBed.inject(MockStore).resetSelectors());

  async function render(role: Role, desk: DeskState = initialDeskState) {
    TestBed.configureTestingModule({
      providers: [
        provideAppIcons(),
        provideRouter([]),
        provideMockStore({
          initialState: {
            session: { ...initialSessionState, status: 'signed_in', user: person(role) },
            desk,
            bulk: initialBulkState,
            users: initialUsersState,
          },
        }),
        { provide: Clock, useValue: { now: signal(Date.parse('2026-11-10T12:00:00Z')) } },
      ],
    });
    const dispatched = spyOn(TestBed.inject(MockStore), 'dispatch');
    const fixture = TestBed.createComponent(MyWork);
    await fixture.whenStable();
    return {
      fixture,
      dispatched,
      root: fixture.nativeElement as HTMLElement,
      loader: TestbedHarnessEnvironment.loader(fixture),
    };
  }

  const headings = (root: HTMLElement) =>
    [...root.querySelectorAll('h2')].map((h) => h.textContent?.replace(/\s+/g, ' ').trim());

  it('shows a fact-checker what was sent back, what she researches and what is new, in that order', async () => {
    const { root, dispatched, fixture } = await render('fact_checker');
    expect(headings(root)).toEqual([
      'Sent back to you',
      'You are researching',
      'New, assigned to you',
    ]);
    expect(dispatched).toHaveBeenCalledOnceWith(MyWorkPageActions.opened());
    fixture.destroy();
    expect(dispatched).toHaveBeenCalledWith(MyWorkPageActions.closed());
  });

  it('shows an editor and an admin the review queue, what is overdue and what nobody took', async () => {
    const review = ['Waiting for your review', 'Overdue across the desk', 'New, nobody assigned'];
    expect(headings((await render('editor')).root)).toEqual(review);
    TestBed.inject(MockStore).resetSelectors();
    TestBed.resetTestingModule();
    expect(headings((await render('admin')).root)).toEqual(review);
  });

  it('gives each queue its total, its claims, or says in words that it is empty', async () => {
    const desk = [
      DeskApiActions.queueLoaded({
        queue: 'awaiting_review',
        page: page([deskClaim({ stage: 'in_review' })], 7, 'more'),
        append: false,
      }),
      DeskApiActions.queueLoaded({ queue: 'overdue', page: page([]), append: false }),
    ].reduce(deskFeature.reducer, initialDeskState);
    const { root } = await render('editor', desk);
    const [review, overdue] = [...root.querySelectorAll('section')];
    expect(review.querySelector('h2')?.textContent).toContain('7');
    expect(review.querySelectorAll('li.row').length).toBe(1);
    expect(review.textContent).toContain('Show more');
    expect(overdue.textContent).toContain('Nothing is overdue.');
  });

  it('ticks claims into the selection, and shows the selection bar for them', async () => {
    const loaded = DeskApiActions.queueLoaded({
      queue: 'researching',
      page: page([deskClaim()]),
      append: false,
    });
    const { loader, dispatched } = await render(
      'fact_checker',
      deskFeature.reducer(initialDeskState, loaded),
    );
    await (await loader.getHarness(MatCheckboxHarness.with({ selector: '.pick' }))).check();
    expect(dispatched).toHaveBeenCalledWith(
      MyWorkPageActions.selectionChanged({ ids: ['c1'], selected: true }),
    );
    TestBed.inject(MockStore).resetSelectors();
    TestBed.resetTestingModule();
    const selected = [
      loaded,
      MyWorkPageActions.selectionChanged({ ids: ['c1'], selected: true }),
    ].reduce(deskFeature.reducer, initialDeskState);
    const { root } = await render('fact_checker', selected);
    expect(root.querySelector('cd-selection-bar [role="toolbar"]')).not.toBeNull();
  });
});
