import { CdkVirtualScrollViewport } from '@angular/cdk/scrolling';
import { TestBed } from '@angular/core/testing';
import { ClaimSummary } from '../../../domain/claim';
import { SortKey } from '../../../domain/claim-filter';
import { ClaimsTable, layoutFor } from './claims-table';
import { claimFixture } from '../state/claims.feature.spec';
import { provideAppIcons } from '../../shell/icons';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('ClaimsTable', () => {
  beforeEach(() => TestBed.configureTestingModule({ providers: [provideAppIcons()] }));

  afterEach(() => document.querySelectorAll('.table-host').forEach((el) => el.remove()));

  const claims: ClaimSummary[] = [
    claimFixture({
      id: 'c1',
      stage: 'in_review',
      verdict: 'false',
      assignee: 'casey',
      evidenceCount: 2,
      noteCount: 1,
      updatedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
      stageSince: new Date(Date.now() - 3 * DAY - HOUR).toISOString(),
      dueAt: new Date(Date.now() - 2 * DAY - HOUR).toISOString(),
    }),
    claimFixture({
      id: 'c2',
      start: 60,
      end: 70,
      quote: 'the green train',
      statement: 'He came by train.',
      stage: 'new',
      verdict: null,
      assignee: null,
      updatedAt: '2020-01-02T03:04:05.000Z',
      stageSince: new Date(Date.now() - 5 * HOUR).toISOString(),
      dueAt: null,
    }),
  ];

  /** At a width, as the pane gives it: the layout follows the table's own width. */
  async function render(
    width: number,
    options: { sort?: SortKey; descending?: boolean; checked?: string[] } = {},
  ) {
    const host = document.createElement('div');
    host.className = 'table-host';
    host.style.width = `${width}px`;
    document.body.appendChild(host);
    const fixture = TestBed.createComponent(ClaimsTable);
    host.appendChild(fixture.nativeElement);
    fixture.componentRef.setInput('claims', claims);
    fixture.componentRef.setInput('sort', options.sort ?? 'position');
    fixture.componentRef.setInput('descending', options.descending ?? false);
    fixture.componentRef.setInput('checkedIds', new Set(options.checked ?? []));
    const checks: { claimId: string; checked: boolean }[] = [];
    const allChecks: { claimIds: readonly string[]; checked: boolean }[] = [];
    fixture.componentInstance.checked.subscribe((c) => checks.push(c));
    fixture.componentInstance.allChecked.subscribe((c) => allChecks.push(c));
    const sorts: { sort: SortKey; descending: boolean }[] = [];
    const selected: string[] = [];
    fixture.componentInstance.sortChanged.subscribe((s) => sorts.push(s));
    fixture.componentInstance.selected.subscribe((id) => selected.push(id));
    await fixture.whenStable();
    // The resize observer reports the width on the next frame.
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    return { fixture, root, sorts, selected, checks, allChecks };
  }

  const headerButton = (root: HTMLElement, label: string) =>
    [...root.querySelectorAll<HTMLButtonElement>('[role="columnheader"] button')].find((b) =>
      b.textContent?.includes(label),
    )!;

  const visibleWidth = (el: Element | null) => (el ? el.getBoundingClientRect().width : 0);

  it('picks its layout by its own width', () => {
    expect(layoutFor(1280)).toBe('wide');
    expect(layoutFor(740)).toBe('stacked');
    expect(layoutFor(600)).toBe('cards');
    expect(layoutFor(358)).toBe('cards');
  });

  for (const [name, width] of [
    ['a laptop', 740],
    ['a phone', 358],
    ['a wide screen', 1200],
  ] as const) {
    it(`shows all ten fields of each claim and its checkbox, each in words, on ${name}`, async () => {
      const { root } = await render(width);
      const headers = [...root.querySelectorAll('[role="columnheader"]')];
      expect(headers.map((h) => h.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
        '',
        'Quote',
        'Statement',
        'Stage',
        'Verdict',
        'Assignee',
        'Due',
        'In stage',
        jasmine.stringContaining('Evidence'),
        jasmine.stringContaining('Notes'),
        'Updated',
      ]);
      const row = root.querySelector('#claim-row-c1')!;
      const cells = [...row.querySelectorAll('[role="cell"]')];
      expect(cells.length).toBe(11);
      for (const cell of cells.filter(
        (c) => !c.classList.contains('in-stage') || name !== 'a phone',
      )) {
        expect(visibleWidth(cell)).withContext(cell.className).toBeGreaterThan(0);
      }
      expect(row.querySelector('.stage')?.textContent?.trim()).toBe('In review');
      expect(row.querySelector('.verdict')?.textContent?.trim()).toBe('False');
      expect(row.querySelector('.assignee')?.textContent).toContain('casey');
      expect(row.querySelector('.evidence')?.getAttribute('aria-label')).toBe('2 evidence links');
      expect(row.querySelector('.notes')?.getAttribute('aria-label')).toBe('1 note');
      expect(root.querySelector('#claim-row-c2 .verdict')?.textContent?.trim()).toBe('No verdict');
      const due = row.querySelector('.due')!;
      expect(due.textContent).toContain('Overdue by 2 days');
      expect(due.classList).toContain('overdue');
      expect(row.querySelector('.in-stage')?.textContent).toContain('In review for 3 d');
      expect(root.querySelector('#claim-row-c2 .due')?.textContent?.trim()).toBe('No due date');
      expect(root.querySelector('#claim-row-c2 .due')?.classList).not.toContain('overdue');
      expect(row.querySelector('.select input')?.getAttribute('aria-label')).toBe(
        'Select claim: North Korea shipped nearly five million shells to Russia.',
      );
    });
  }

  it('sorts by due date from its header', async () => {
    const { root, sorts } = await render(1400);
    headerButton(root, 'Due').click();
    expect(sorts).toEqual([{ sort: 'due', descending: false }]);
  });

  it('checks a claim without opening it, and checks all shown from the header', async () => {
    const { fixture, root, checks, allChecks, selected } = await render(740, { checked: ['c2'] });
    const all = root.querySelector<HTMLInputElement>('[data-testid="check-all"]')!;
    expect(all.indeterminate).toBeTrue();
    expect(all.getAttribute('aria-label')).toBe('Select all 2 claims shown');
    root.querySelector<HTMLInputElement>('#claim-row-c1 .check')!.click();
    expect(checks).toEqual([{ claimId: 'c1', checked: true }]);
    expect(selected).toEqual([]);
    all.click();
    expect(allChecks).toEqual([{ claimIds: ['c1', 'c2'], checked: true }]);

    fixture.componentRef.setInput('checkedIds', new Set(['c1', 'c2']));
    await fixture.whenStable();
    expect(all.checked).toBeTrue();
    expect(all.indeterminate).toBeFalse();
    all.click();
    expect(allChecks.at(-1)).toEqual({ claimIds: ['c1', 'c2'], checked: false });
  });

  it('shows the assignee by display name where known', async () => {
    const { fixture, root } = await render(1400);
    fixture.componentRef.setInput('displayNames', new Map([['casey', 'Casey Ortiz']]));
    await fixture.whenStable();
    expect(root.querySelector('#claim-row-c1 .assignee')?.textContent).toContain('Casey Ortiz');
  });

  it('says when a claim changed relatively, with the exact time to hover or hear', async () => {
    const { root } = await render(740);
    const recent = root.querySelector('#claim-row-c1 .updated time')!;
    expect(recent.textContent).toContain('5 min ago');
    const old = root.querySelector('#claim-row-c2 .updated time')!;
    expect(old.getAttribute('datetime')).toBe('2020-01-02T03:04:05.000Z');
    expect(old.textContent).toContain('2 Jan 2020');
    expect(old.getAttribute('title')).toMatch(/^2 Jan 2020, \d\d:\d\d:05$/);
  });

  it('sorts by a column, then the other way, then back to article order', async () => {
    const first = await render(740);
    headerButton(first.root, 'Notes').click();
    expect(first.sorts).toEqual([{ sort: 'notes', descending: false }]);
    first.fixture.destroy();

    const ascending = await render(740, { sort: 'notes' });
    const header = headerButton(ascending.root, 'Notes');
    expect(header.parentElement?.getAttribute('aria-sort')).toBe('ascending');
    header.click();
    expect(ascending.sorts).toEqual([{ sort: 'notes', descending: true }]);
    ascending.fixture.destroy();

    const descending = await render(740, { sort: 'notes', descending: true });
    headerButton(descending.root, 'Notes').click();
    expect(descending.sorts).toEqual([{ sort: 'position', descending: false }]);
  });

  const others = [
    claimFixture({ id: 'c3', quote: 'a third quote', statement: 'The third.' }),
    claimFixture({ id: 'c4', quote: 'a fourth quote', statement: 'The fourth.' }),
  ];
  const rowIds = (root: HTMLElement) =>
    [...root.querySelectorAll('[role="row"][aria-rowindex]')].map((row) => row.id);

  it('renders the rows for other claims without measuring its scroll offset', async () => {
    const { fixture, root } = await render(740);
    const measure = spyOn(
      CdkVirtualScrollViewport.prototype,
      'measureScrollOffset',
    ).and.callThrough();
    fixture.componentRef.setInput('claims', [...claims, ...others]);
    await fixture.whenStable();
    fixture.componentRef.setInput('claims', [others[1]]);
    await fixture.whenStable();
    expect(rowIds(root)).toEqual(['claim-row-c4']);
    expect(measure).not.toHaveBeenCalled();
  });

  it('renders the rows scrolled to, and the last ones once the claims are fewer', async () => {
    const many = Array.from({ length: 300 }, (_, i) =>
      claimFixture({ id: `m${i}`, statement: `Claim ${i}.` }),
    );
    const { fixture, root } = await render(740);
    fixture.componentRef.setInput('claims', many);
    await fixture.whenStable();
    const viewport = root.querySelector<HTMLElement>('cdk-virtual-scroll-viewport')!;
    const rowAppears = async (id: string) => {
      for (let frame = 0; frame < 30 && !root.querySelector(`#${id}`); frame++) {
        await new Promise((resolve) => requestAnimationFrame(resolve));
        await fixture.whenStable();
      }
      return root.querySelector(`#${id}`);
    };
    viewport.scrollTop = 200 * 76;
    expect(await rowAppears('claim-row-m200')).not.toBeNull();
    expect(root.querySelector('#claim-row-m0')).toBeNull();

    fixture.componentRef.setInput('claims', many.slice(0, 20));
    await fixture.whenStable();
    expect(await rowAppears('claim-row-m19')).not.toBeNull();
  });

  it('opens a claim by click or Enter on its row, and marks the open one', async () => {
    const { fixture, root, selected } = await render(740);
    root.querySelector<HTMLElement>('#claim-row-c2')!.click();
    root
      .querySelector('#claim-row-c1')!
      .dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(selected).toEqual(['c2', 'c1']);
    fixture.componentRef.setInput('selectedId', 'c2');
    await fixture.whenStable();
    expect(root.querySelector('#claim-row-c2')?.getAttribute('aria-selected')).toBe('true');
    expect(root.querySelector('#claim-row-c1')?.getAttribute('aria-selected')).toBe('false');
  });

  it('shows other claims in the rows already in the page, none taken out or put in', async () => {
    const { fixture, root } = await render(740, { checked: ['c3'] });
    const rows = root.querySelector('[role="row"][aria-rowindex]')!.parentElement!;
    const before = [...rows.children];
    const moved: Node[] = [];
    const observer = new MutationObserver((records) =>
      records.forEach((r) => moved.push(...r.addedNodes, ...r.removedNodes)),
    );
    observer.observe(rows, { childList: true });
    fixture.componentRef.setInput('claims', others);
    await fixture.whenStable();
    observer.disconnect();
    expect(moved).toEqual([]);
    expect([...rows.children]).toEqual(before);
    expect(rowIds(root)).toEqual(['claim-row-c3', 'claim-row-c4']);
    const first = root.querySelector('#claim-row-c3')!;
    expect(first.querySelector('.statement')?.textContent).toBe('The third.');
    expect(first.querySelector<HTMLInputElement>('.check')?.checked).toBeTrue();
    expect(first.querySelector('.check')?.getAttribute('aria-label')).toBe(
      'Select claim: The third.',
    );
    expect(root.querySelector<HTMLInputElement>('#claim-row-c4 .check')?.checked).toBeFalse();
  });
});
