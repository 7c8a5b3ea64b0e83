import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatSelect } from '@angular/material/select';
import { MatSelectHarness } from '@angular/material/select/testing';
import { ClaimFilter, EMPTY_FILTER } from '../../../domain/claim-filter';
import { ClaimFilters } from './claim-filters';

describe('ClaimFilters', () => {
  async function render(filter: ClaimFilter = EMPTY_FILTER) {
    const fixture = TestBed.createComponent(ClaimFilters);
    fixture.componentRef.setInput('filter', filter);
    fixture.componentRef.setInput('shown', 3);
    fixture.componentRef.setInput('total', 5);
    const queries: string[] = [];
    const changes: Partial<ClaimFilter>[] = [];
    fixture.componentInstance.queryChange.subscribe((q) => queries.push(q));
    fixture.componentInstance.filterChange.subscribe((c) => changes.push(c));
    document.body.appendChild(fixture.nativeElement);
    await fixture.whenStable();
    const box = (fixture.nativeElement as HTMLElement).querySelector<HTMLInputElement>(
      '[data-testid="claim-search"]',
    )!;
    return { fixture, box, queries, changes, loader: TestbedHarnessEnvironment.loader(fixture) };
  }

  afterEach(() => document.querySelectorAll('cd-claim-filters').forEach((el) => el.remove()));

  /** One key as a browser types it: the value changes, then `input` fires. */
  function press(box: HTMLInputElement, key: string): void {
    box.value += key;
    box.dispatchEvent(new Event('input'));
  }

  it('says that the search covers notes and rationale too', async () => {
    const { loader } = await render();
    const field = await loader.getHarness(MatFormFieldHarness.with({ selector: '.search' }));
    expect(await field.getLabel()).toBe('Search quotes, statements, rationale and notes');
  });

  it('emits only the query while typing, and never writes older text back under the caret', async () => {
    const { fixture, box, queries, changes } = await render();
    box.focus();
    press(box, 'k');
    press(box, 'r');
    // The URL update for "k" lands now, as a new filter with new lists (same values).
    fixture.componentRef.setInput('filter', { ...EMPTY_FILTER, stages: [], query: 'k' });
    await fixture.whenStable();
    expect(box.value).toBe('kr');
    press(box, 'e');
    fixture.componentRef.setInput('filter', { ...EMPTY_FILTER, kinds: [], query: 'kr' });
    await fixture.whenStable();
    for (const key of 'mlin') {
      press(box, key);
    }
    await fixture.whenStable();
    expect(box.value).toBe('kremlin');
    expect(queries).toEqual(['k', 'kr', 'kre', 'krem', 'kreml', 'kremli', 'kremlin']);
    expect(changes).toEqual([]);
  });

  it('shows a query that arrives from elsewhere (a link, Back) when the box is not in use', async () => {
    const { fixture, box } = await render({ ...EMPTY_FILTER, query: 'shells' });
    expect(box.value).toBe('shells');
    fixture.componentRef.setInput('filter', { ...EMPTY_FILTER, query: 'train' });
    await fixture.whenStable();
    expect(box.value).toBe('train');
    // While typing it waits, and catches up on leaving the box.
    box.focus();
    fixture.componentRef.setInput('filter', { ...EMPTY_FILTER, query: 'kremlin' });
    await fixture.whenStable();
    expect(box.value).toBe('train');
    box.blur();
    expect(box.value).toBe('kremlin');
  });

  it('keeps trailing spaces being typed, which the URL trims away', async () => {
    const { fixture, box } = await render();
    box.focus();
    press(box, 'kremlin ');
    fixture.componentRef.setInput('filter', { ...EMPTY_FILTER, query: 'kremlin' });
    await fixture.whenStable();
    box.blur();
    expect(box.value).toBe('kremlin ');
  });

  it('clears the search on Escape', async () => {
    const { box, queries } = await render({ ...EMPTY_FILTER, query: 'shells' });
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(box.value).toBe('');
    expect(queries).toEqual(['']);
  });

  it('emits only what a control changed', async () => {
    const { loader, changes } = await render();
    const stage = await loader.getHarness(MatSelectHarness.with({ selector: '.stage-filter' }));
    await stage.open();
    await stage.clickOptions({ text: 'In review' });
    await (await loader.getHarness(MatCheckboxHarness)).check();
    expect(changes).toEqual([{ stages: ['in_review'] }, { mine: true }]);
  });

  it('clears every filter but keeps the sort', async () => {
    const { loader, changes } = await render({
      ...EMPTY_FILTER,
      stages: ['new'],
      query: 'x',
      sort: 'updated',
    });
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Clear filters' }))).click();
    expect(changes).toEqual([{ stages: [], verdicts: [], kinds: [], mine: false, query: '' }]);
  });

  it('keeps the chosen values of each select while a search key changes only the query', async () => {
    const { fixture } = await render({ ...EMPTY_FILTER, stages: ['new'], query: 'k' });
    const selects = fixture.debugElement
      .queryAll(By.directive(MatSelect))
      .map((select) => select.injector.get(MatSelect));
    const before = selects.map((select) => select.value as unknown);
    expect(before[0]).toEqual(['new']);
    // The next key: a new filter with new lists of the same values.
    fixture.componentRef.setInput('filter', { ...EMPTY_FILTER, stages: ['new'], query: 'kr' });
    await fixture.whenStable();
    selects.forEach((select, i) => expect(select.value).toBe(before[i]));
    // A stage chosen elsewhere (Back, a link) still reaches its select.
    fixture.componentRef.setInput('filter', { ...EMPTY_FILTER, stages: ['approved'], query: 'kr' });
    await fixture.whenStable();
    expect(selects[0].value).toEqual(['approved']);
  });

  it('keeps "Clear filters" in the page, hidden while nothing is filtered', async () => {
    const { fixture } = await render();
    const element = fixture.nativeElement as HTMLElement;
    const button = () =>
      [...element.querySelectorAll('button')].find(
        (b) => b.textContent?.trim() === 'Clear filters',
      );
    const kept = button();
    expect(kept).withContext('made with the filters').toBeDefined();
    expect(getComputedStyle(kept!).display).toBe('none');
    fixture.componentRef.setInput('filter', { ...EMPTY_FILTER, query: 'k' });
    await fixture.whenStable();
    expect(button()).toBe(kept);
    expect(getComputedStyle(kept!).display).not.toBe('none');
    fixture.componentRef.setInput('filter', EMPTY_FILTER);
    await fixture.whenStable();
    expect(button()).toBe(kept);
    expect(getComputedStyle(kept!).display).toBe('none');
  });
});

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ClaimFilters],
  template: `<cd-claim-filters
    [filter]="filter()"
    [shown]="shown()"
    [total]="5"
    (queryChange)="search($event)"
  />`,
})
class SearchingHost {
  protected readonly filter = signal(EMPTY_FILTER);
  protected readonly shown = signal(5);
  search(query: string): void {
    this.filter.set({ ...EMPTY_FILTER, query });
    this.shown.set(query.length);
  }
}

describe('ClaimFilters in a page', () => {
  afterEach(() => document.querySelectorAll('.searching-host').forEach((el) => el.remove()));

  it("puts a key's result in the page within the key's own input event", async () => {
    const fixture = TestBed.createComponent(SearchingHost);
    const element = fixture.nativeElement as HTMLElement;
    element.className = 'searching-host';
    document.body.appendChild(element);
    await fixture.whenStable();
    const box = element.querySelector<HTMLInputElement>('[data-testid="claim-search"]')!;
    const status = element.querySelector('[role="status"]')!;
    expect(status.textContent).toBe('5 of 5 claims');
    box.value = 'kr';
    box.dispatchEvent(new Event('input'));
    // No waiting: not for a frame, a timer or a microtask.
    expect(status.textContent).toBe('2 of 5 claims');
  });
});
