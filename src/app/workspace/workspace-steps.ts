import { computed, effect, Signal, signal } from '@angular/core';
import { afterPaint, drawnInSteps, nearView, pendingWhile } from './after-paint';

/** What the workspace's steps wait for: parts of its page, as its queries find them. */
export interface WorkspaceParts {
  readonly article: () => unknown;
  readonly claimsSection: () => Element | undefined;
  /** The claims' search and filters: in a `@defer` block, so undefined until drawn. */
  readonly filters: () => { focusSearch(): void } | undefined;
  readonly suggestionList: () => unknown;
}

/** The order in which the workspace draws itself, top to bottom, each part in a task of its own. */
export interface WorkspaceSteps {
  /** The first render in three tasks: the header, the text's controls and legend, the text. */
  readonly parts: Signal<number>;
  /** The claims (list, filters, table) are drawn once the article's text has been painted. */
  readonly claimsDrawn: Signal<boolean>;
  /** And the list once it is near the view, or asked for (the search shortcut). */
  readonly claimsShown: Signal<boolean>;
  /** The table in the task after the filters' paint: two shorter tasks, not one long one. */
  readonly tableDrawn: Signal<boolean>;
  /** The search shortcut: focuses the claims' search, drawing the list first if it is not yet. */
  focusSearch(): void;
}

/** Call in an injection context (a component's field or constructor). */
export function workspaceSteps(page: WorkspaceParts): WorkspaceSteps {
  const parts = drawnInSteps(() => Boolean(page.article()), 3);
  const claimsDrawn = afterPaint(() => parts() >= 3);
  const claimsNear = nearView(page.claimsSection, claimsDrawn);
  const claimsAsked = signal(false);
  const claimsShown = computed(() => claimsNear() || claimsAsked());
  const tableDrawn = afterPaint(() => page.filters() !== undefined);
  // The list is shown: until its chunk is in and it is drawn, the page is not settled.
  pendingWhile(() => claimsShown() && !page.filters() && !page.suggestionList());
  // The search shortcut was pressed before the list was drawn: its box takes focus once it is.
  let searchAsked = false;
  effect(() => {
    const filters = page.filters();
    if (filters && searchAsked) {
      searchAsked = false;
      filters.focusSearch();
    }
  });
  return {
    parts,
    claimsDrawn,
    claimsShown,
    tableDrawn,
    focusSearch: () => {
      const filters = page.filters();
      if (filters) {
        filters.focusSearch();
      } else {
        searchAsked = true;
        claimsAsked.set(true);
      }
    },
  };
}
