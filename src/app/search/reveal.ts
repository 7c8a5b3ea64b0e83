/**
 * Brings a note or an evidence item into view once its claim is shown: the claim loads
 * after the navigation, so this waits (at most `timeoutMs`) for the element to appear,
 * then scrolls to it, focuses it and briefly tints it so the eye finds it.
 */
export function revealWhenShown(
  selector: string,
  root: ParentNode & Node = document.body,
  timeoutMs = 5000,
): Promise<HTMLElement | null> {
  return new Promise((resolve) => {
    const found = () => root.querySelector<HTMLElement>(selector);
    const finish = (element: HTMLElement | null) => {
      observer.disconnect();
      clearTimeout(timer);
      if (element) {
        show(element);
      }
      resolve(element);
    };
    const observer = new MutationObserver(() => {
      const element = found();
      if (element) {
        finish(element);
      }
    });
    const timer = setTimeout(() => finish(null), timeoutMs);
    const now = found();
    if (now) {
      finish(now);
      return;
    }
    observer.observe(root, { childList: true, subtree: true });
  });
}

function show(element: HTMLElement): void {
  if (!element.hasAttribute('tabindex')) {
    element.setAttribute('tabindex', '-1');
  }
  element.scrollIntoView({ block: 'center' });
  element.focus({ preventScroll: true });
  const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  element.animate?.(
    [{ backgroundColor: 'var(--mat-sys-tertiary-container)' }, { backgroundColor: 'transparent' }],
    { duration: reduced ? 0 : 2000, easing: 'ease-out' },
  );
}
