/**
 * The workspace's keyboard shortcuts and the small DOM and filter rules the
 * container follows, kept apart from it so that each can be tested alone.
 */

export type Shortcut =
  'next' | 'previous' | 'open' | 'close' | 'evidence' | 'note' | 'search' | 'help';

const KEYS: Readonly<Record<string, Shortcut>> = {
  j: 'next',
  k: 'previous',
  Enter: 'open',
  Escape: 'close',
  e: 'evidence',
  n: 'note',
  '/': 'search',
  '?': 'help',
};

/** Where a key belongs to the control that has focus, never to the workspace. */
const OWN_KEYS =
  'input, textarea, select, [contenteditable], mat-select, [role="dialog"], [role="menu"], [role="listbox"]';

/** Below this width the claim covers the page, as a sheet of its own. */
export const PHONE_QUERY = '(max-width: 900px)';

/** The shortcut a key press asks for; null where it is typing, or the focused control's own. */
export function shortcutOf(event: KeyboardEvent): Shortcut | null {
  const shortcut = Object.hasOwn(KEYS, event.key) ? KEYS[event.key] : null;
  if (!shortcut || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) {
    return null;
  }
  const target = event.target instanceof Element ? event.target : null;
  if (target?.closest(OWN_KEYS)) {
    return null;
  }
  // Enter on a button, link, row or highlight activates it.
  if (shortcut === 'open' && target?.closest('button, a, [role="row"], [role="button"], mark')) {
    return null;
  }
  return shortcut;
}

/**
 * Moves focus to the open claim's heading (not its first button, so that a
 * second Enter does nothing it should not) and scrolls it into view. The
 * heading is focusable from its template (`tabindex="-1"`).
 */
export function focusPanelHeading(): void {
  const heading = document.querySelector<HTMLElement>('#claim-panel-title');
  if (!heading) {
    return;
  }
  heading.focus({ preventScroll: true });
  heading.scrollIntoView({ block: 'nearest' });
}

/** What the workspace's shortcuts act on: its claims as listed, the open one, the panel. */
export interface ShortcutTarget {
  /** The claims in the order the table lists them (j and k move through these). */
  readonly claims: () => readonly { readonly id: string }[];
  readonly selectedId: () => string | null;
  /** Opens a claim, or with null closes it; replacing the history entry when asked. */
  readonly select: (claimId: string | null, replaceUrl: boolean) => void;
  readonly panel: () => { focusEvidence(): void; focusNote(): void } | undefined;
  /** Focuses the claims' search box, drawing the list first if it is not yet. */
  readonly search: () => void;
  readonly help: () => void;
}

/** Does what a shortcut asks of the workspace. */
export function runShortcut(shortcut: Shortcut, target: ShortcutTarget): void {
  const claims = target.claims();
  const selectedId = target.selectedId();
  const index = claims.findIndex((claim) => claim.id === selectedId);
  switch (shortcut) {
    case 'next':
    case 'previous': {
      const next =
        shortcut === 'next' ? Math.min(claims.length - 1, index + 1) : Math.max(0, index - 1);
      if (claims[next] && claims[next].id !== selectedId) {
        target.select(claims[next].id, true);
      }
      break;
    }
    case 'open':
      focusPanelHeading();
      break;
    case 'close':
      if (selectedId !== null) {
        target.select(null, false);
      }
      break;
    case 'evidence':
      target.panel()?.focusEvidence();
      break;
    case 'note':
      target.panel()?.focusNote();
      break;
    case 'search':
      target.search();
      break;
    case 'help':
      target.help();
      break;
  }
}
