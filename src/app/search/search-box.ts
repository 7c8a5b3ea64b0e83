import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  InjectionToken,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatIcon } from '@angular/material/icon';
import { Router } from '@angular/router';
import { SEARCH_PAGE_DEFAULT, SEARCH_TYPE_LABELS, type SearchResult } from '../../domain/search';
import { revealWhenShown } from './reveal';
import { SearchApi } from './search-api';
import {
  IDLE,
  SEARCH_DEBOUNCE_MS,
  groupResults,
  searchStates,
  snippetParts,
  statusWording,
  targetOf,
} from './search-results';
import { type SearchEntry, SearchOption } from './search-option';

/** How long typing pauses before the box searches; tests set 0. */
export const SEARCH_DEBOUNCE = new InjectionToken<number>('search debounce', {
  factory: () => SEARCH_DEBOUNCE_MS,
});

let nextId = 0;

/**
 * The toolbar's search across every article (`Ctrl+K`): a combobox whose list shows the
 * results grouped by kind, the matched words marked, arrows to move, Enter to open the
 * result where it points (the article, the claim in it, the note or evidence item in
 * the claim), Escape to close.
 */
@Component({
  selector: 'cd-search-box',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIcon, SearchOption],
  host: {
    '(document:keydown)': 'globalKey($event)',
    '(focusout)': 'focusLeft($event)',
    // The options are not focusable (focus stays in the box, which points at the active
    // one): the pointer on them is handled here.
    '(mousedown)': 'pointerDown($event)',
    '(mousemove)': 'pointerMove($event)',
    '(click)': 'pointerClick($event)',
  },
  template: `
    <div class="field">
      <mat-icon aria-hidden="true" svgIcon="search" />
      <input
        #input
        type="search"
        role="combobox"
        aria-autocomplete="list"
        autocomplete="off"
        spellcheck="false"
        data-testid="search-input"
        aria-label="Search every article"
        [attr.aria-keyshortcuts]="'Control+K Meta+K'"
        [attr.aria-expanded]="showList()"
        [attr.aria-controls]="showList() ? listId : null"
        [attr.aria-activedescendant]="activeId()"
        [attr.aria-describedby]="statusId"
        placeholder="Search (Ctrl+K)"
        [value]="typed()"
        (input)="type($any($event.target).value)"
        (focus)="open.set(true)"
        (keydown)="key($event)"
      />
    </div>
    <!-- Always there, so that screen readers hear each change of it. -->
    <span
      class="cd-visually-hidden"
      [id]="statusId"
      aria-live="polite"
      data-testid="search-status"
      >{{ open() ? statusText() : '' }}</span
    >
    @if (open() && state().status !== 'idle') {
      <!-- Scrolls when long: the arrows scroll it from the box, and it takes focus for the
           keys of scrolling too (Tab from the box closes it, so it is seldom a stop). -->
      <div class="panel" data-testid="search-panel" tabindex="0">
        <p class="status" aria-hidden="true">{{ statusText() }}</p>
        @if (showList()) {
          <div class="list" role="listbox" [id]="listId" aria-label="Search results">
            @for (group of groups(); track group.type) {
              <div class="group" role="group" [attr.aria-labelledby]="listId + '-' + group.type">
                <div class="group-label" role="presentation" [id]="listId + '-' + group.type">
                  {{ typeLabels[group.type] }}
                </div>
                @for (entry of group.items; track entry.index) {
                  <cd-search-option
                    class="option"
                    role="option"
                    [id]="optionId(entry.index)"
                    [attr.aria-selected]="entry.index === active()"
                    [class.active]="entry.index === active()"
                    data-testid="search-result"
                    [attr.data-index]="entry.index"
                    [entry]="entry"
                  />
                }
              </div>
            }
          </div>
          <p class="hint" aria-hidden="true">↑ ↓ to move · Enter to open · Esc to close</p>
        }
      </div>
    }
  `,
  styleUrl: './search-box.scss',
})
export class SearchBox {
  private readonly api = inject(SearchApi);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly input = viewChild.required<ElementRef<HTMLInputElement>>('input');

  protected readonly typeLabels = SEARCH_TYPE_LABELS;
  private readonly id = nextId++;
  protected readonly listId = `cd-search-results-${this.id}`;
  protected readonly statusId = `cd-search-status-${this.id}`;

  protected readonly typed = signal('');
  protected readonly open = signal(false);
  protected readonly active = signal(-1);
  protected readonly state = toSignal(
    searchStates(
      toObservable(this.typed),
      (q) => this.api.search({ q, limit: SEARCH_PAGE_DEFAULT }),
      inject(SEARCH_DEBOUNCE),
    ),
    { initialValue: IDLE },
  );

  private readonly results = computed(() => {
    const state = this.state();
    return state.status === 'done' ? state.page.items : [];
  });
  /** Grouped by kind; `index` is the place in the order the arrows walk. */
  protected readonly groups = computed(() => {
    let index = 0;
    return groupResults(this.results()).map((group) => ({
      type: group.type,
      items: group.items.map((result): SearchEntry => ({
        index: index++,
        result,
        inTitle: result.snippet === result.title,
        parts: snippetParts(result.snippet, result.highlights),
      })),
    }));
  });
  private readonly ordered = computed(() =>
    this.groups().flatMap((group) => group.items.map((entry) => entry.result)),
  );
  protected readonly showList = computed(() => this.open() && this.ordered().length > 0);
  protected readonly activeId = computed(() =>
    this.showList() && this.active() >= 0 ? this.optionId(this.active()) : null,
  );
  protected readonly statusText = computed(() => statusWording(this.state()));

  protected optionId(index: number): string {
    return `${this.listId}-option-${index}`;
  }

  protected type(text: string): void {
    this.typed.set(text);
    this.open.set(true);
    this.active.set(-1);
  }

  /** Ctrl+K (⌘K) from anywhere focuses the box, its text selected to type over. */
  protected globalKey(event: KeyboardEvent): void {
    if (
      (event.ctrlKey || event.metaKey) &&
      !event.altKey &&
      !event.shiftKey &&
      event.key.toLowerCase() === 'k'
    ) {
      event.preventDefault();
      const input = this.input().nativeElement;
      input.focus();
      input.select();
      this.open.set(true);
    }
  }

  protected key(event: KeyboardEvent): void {
    const count = this.ordered().length;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        event.preventDefault();
        this.open.set(true);
        if (count === 0) {
          return;
        }
        const step = event.key === 'ArrowDown' ? 1 : -1;
        const from = this.active() < 0 && step < 0 ? count : this.active();
        this.active.set((from + step + count) % count);
        this.scrollActiveIntoView();
        return;
      }
      case 'Enter': {
        const chosen = this.ordered()[Math.max(0, this.active())];
        if (this.showList() && chosen) {
          event.preventDefault();
          void this.choose(chosen);
        }
        return;
      }
      case 'Escape':
        // Escape closes the list, then a second one empties the box.
        event.preventDefault();
        event.stopPropagation();
        if (this.open() && this.state().status !== 'idle') {
          this.open.set(false);
        } else {
          this.type('');
        }
        this.active.set(-1);
        return;
      case 'Tab':
        this.open.set(false);
        return;
    }
  }

  private optionAt(event: Event): number | null {
    const option =
      event.target instanceof Element ? event.target.closest<HTMLElement>('[role="option"]') : null;
    const index = Number(option?.dataset['index']);
    return option && Number.isInteger(index) ? index : null;
  }

  protected pointerDown(event: MouseEvent): void {
    // Keeps focus in the box (a click on the list would otherwise close it first).
    if (this.optionAt(event) !== null) {
      event.preventDefault();
    }
  }

  protected pointerMove(event: MouseEvent): void {
    const index = this.optionAt(event);
    if (index !== null && index !== this.active()) {
      this.active.set(index);
    }
  }

  protected pointerClick(event: MouseEvent): void {
    const index = this.optionAt(event);
    const chosen = index !== null ? this.ordered()[index] : undefined;
    if (chosen) {
      void this.choose(chosen);
    }
  }

  protected focusLeft(event: FocusEvent): void {
    const next = event.relatedTarget;
    if (!(next instanceof Node) || !this.host.nativeElement.contains(next)) {
      this.open.set(false);
    }
  }

  protected async choose(result: SearchResult): Promise<void> {
    this.open.set(false);
    this.active.set(-1);
    const target = targetOf(result);
    await this.router.navigate([...target.commands], { queryParams: target.queryParams });
    if (target.reveal) {
      await revealWhenShown(target.reveal);
    }
  }

  private scrollActiveIntoView(): void {
    queueMicrotask(() => {
      const id = this.activeId();
      if (id) {
        document.getElementById(id)?.scrollIntoView?.({ block: 'nearest' });
      }
    });
  }
}
