import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { provideRouter } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { DeskClaim } from '../../domain/desk';
import { usersFeature } from '../users/state/users.feature';
import { Clock } from './clock';
import { DeskClaimList } from './desk-claim-list';
import { DeskListView } from './state/desk.feature';
import { deskClaim } from './state/desk.feature.spec';
import { provideAppIcons } from '../shell/icons';

const NOW = Date.parse('2026-11-10T12:00:00Z');

describe('DeskClaimList', () => {
  afterEach(() => TestBed.inject(MockStore).resetSelectors());

  async function render(
    claims: readonly DeskClaim[],
    view: Partial<DeskListView> = {},
    selectedIds: ReadonlySet<string> = new Set(),
  ) {
    TestBed.configureTestingModule({
      providers: [
        provideAppIcons(),
        provideRouter([]),
        provideMockStore({
          selectors: [
            {
              selector: usersFeature.selectDisplayNames,
              value: new Map([['casey', 'Casey Jones']]),
            },
          ],
        }),
        { provide: Clock, useValue: { now: signal(NOW) } },
      ],
    });
    const fixture = TestBed.createComponent(DeskClaimList);
    fixture.componentRef.setInput('label', 'You are researching');
    fixture.componentRef.setInput('empty', 'You are researching nothing right now.');
    fixture.componentRef.setInput('selectedIds', selectedIds);
    fixture.componentRef.setInput('view', {
      claims,
      total: claims.length,
      hasMore: false,
      loading: false,
      error: null,
      ...view,
    });
    const events = {
      selection: [] as { ids: readonly string[]; selected: boolean }[],
      more: 0,
    };
    fixture.componentInstance.selectionChange.subscribe((change) => events.selection.push(change));
    fixture.componentInstance.showMore.subscribe(() => (events.more += 1));
    await fixture.whenStable();
    return {
      root: fixture.nativeElement as HTMLElement,
      loader: TestbedHarnessEnvironment.loader(fixture),
      events,
    };
  }

  const text = (element: Element | null) => element?.textContent?.replace(/\s+/g, ' ').trim();

  it('says each claim with its article, stage, due date, time in stage and who has it', async () => {
    const due = '2026-11-08T12:00:00.000Z';
    const { root } = await render([
      deskClaim({ dueAt: due, stageSince: '2026-11-07T12:00:00.000Z', summary: 'Growth was 3%.' }),
    ]);
    const row = root.querySelector('li.row');
    expect(text(row?.querySelector('.headline') ?? null)).toBe('The visit');
    expect(text(row?.querySelector('.text') ?? null)).toBe('Growth was 3%.');
    expect(text(row?.querySelector('.chip') ?? null)).toBe('Researching');
    const formatted = new Intl.DateTimeFormat(undefined, {
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(Date.parse(due));
    expect(text(row?.querySelector('[data-testid="due"]') ?? null)).toBe(
      `Due ${formatted} · Overdue by 2 days`,
    );
    expect(row?.querySelector('time')?.getAttribute('datetime')).toBe(due);
    expect(row?.classList).toContain('overdue');
    expect(text(row?.querySelector('.in-stage') ?? null)).toBe('Researching for 3 d');
    expect(text(row?.querySelector('.assignee') ?? null)).toContain('Casey Jones');
  });

  it('says a claim due later, and one without a due date, without the overdue mark', async () => {
    const { root } = await render([
      deskClaim({ dueAt: '2026-11-10T17:00:00.000Z' }),
      deskClaim({ id: 'c2', assignee: null }),
    ]);
    const [later, undated] = [...root.querySelectorAll('li.row')];
    expect(text(later.querySelector('[data-testid="due"]'))).toContain('Due in 5 hours');
    expect(later.classList).not.toContain('overdue');
    expect(text(undated)).toContain('No due date');
    expect(text(undated.querySelector('.assignee'))).toBe('Nobody assigned');
    expect(text(undated.querySelector('.text'))).toBe('The economy grew by 3% last year.');
  });

  it('opens the claim in its article’s workspace', async () => {
    const { root } = await render([deskClaim({ id: 'c 7', articleId: 'a-2' })]);
    expect(root.querySelector('a.open')?.getAttribute('href')).toBe('/articles/a-2?claim=c%207');
  });

  it('ticks one claim or all shown, each box named for what it selects', async () => {
    const { loader, events } = await render(
      [deskClaim(), deskClaim({ id: 'c2', statement: 'Unemployment fell.' })],
      { total: 5, hasMore: true },
      new Set(['c1']),
    );
    const all = await loader.getHarness(MatCheckboxHarness.with({ selector: '.select-all' }));
    expect(await all.getAriaLabel()).toBe('Select all 2 claims shown in You are researching');
    expect(await all.isIndeterminate()).toBeTrue();
    await all.check();
    const second = await loader.getHarness(
      MatCheckboxHarness.with({ selector: '.pick:not(.mat-mdc-checkbox-checked)' }),
    );
    expect(await second.getAriaLabel()).toBe('Select the claim: Unemployment fell.');
    await second.check();
    expect(events.selection).toEqual([
      { ids: ['c1', 'c2'], selected: true },
      { ids: ['c2'], selected: true },
    ]);
  });

  it('says how many are shown of how many, and shows more on request', async () => {
    const { root, loader, events } = await render([deskClaim()], { total: 12, hasMore: true });
    expect(text(root.querySelector('[data-testid="list-count"]'))).toBe('1 of 12 claims shown');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Show more' }))).click();
    expect(events.more).toBe(1);
  });

  it('says an empty list is empty, in words, and nothing while it loads', async () => {
    const { root } = await render([]);
    expect(text(root.querySelector('.empty'))).toBe('You are researching nothing right now.');
    TestBed.inject(MockStore).resetSelectors();
    TestBed.resetTestingModule();
    const loading = await render([], { total: null, loading: true });
    expect(loading.root.querySelector('.empty')).toBeNull();
    expect(loading.root.querySelector('mat-progress-bar')).not.toBeNull();
  });
});
