import { afterNextRender, effect, inject, Injector, Signal } from '@angular/core';
import { focusPanelHeading, PHONE_QUERY } from './workspace-keys';

/** What the open claim is shown in: the text (to reveal its words) and its panel. */
export interface OpenClaimView {
  readonly selectedId: Signal<string | null>;
  /** Whether the text has been drawn (its lines are in). */
  readonly textDrawn: () => boolean;
  readonly reveal: (claimId: string) => void;
  /** The panel once its code has arrived (`@defer`); undefined before. */
  readonly panel: Signal<unknown>;
}

/**
 * Keeps the open claim in view: its words are brought into view in the article text; its
 * panel shows it from the top and, on a phone, where the panel covers the page, focus moves
 * into it, once the panel's code has arrived and at each claim opened after. In an
 * injection context (a component's constructor).
 */
export function followOpenClaim(view: OpenClaimView): void {
  const injector = inject(Injector);
  effect(() => {
    const id = view.selectedId();
    if (id && view.textDrawn()) {
      afterNextRender({ write: () => view.reveal(id) }, { injector });
    }
  });
  effect(() => {
    if (view.selectedId() && view.panel()) {
      afterNextRender(
        {
          write: () => {
            document.querySelector<HTMLElement>('.panel')?.scrollTo({ top: 0 });
            if (matchMedia(PHONE_QUERY).matches) {
              focusPanelHeading();
            }
          },
        },
        { injector },
      );
    }
  });
}
