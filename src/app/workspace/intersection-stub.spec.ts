/**
 * Every IntersectionObserver made after this call reports each element it observes as in view
 * (or, with `inView` false, as far from it), at once (the real one answers with the next frame).
 * The Karma page is a small frame: the claims list, under the text in a narrow layout, would
 * otherwise be drawn only once scrolled to. For short articles only, whose text renders all
 * its highlights whatever the observer says.
 */
export function stubIntersections(inView: boolean): void {
  // A function, not an arrow: the spy is called with `new`.
  spyOn(window, 'IntersectionObserver').and.callFake(function (
    callback: IntersectionObserverCallback,
  ): IntersectionObserver {
    let connected = true;
    const observer: IntersectionObserver = {
      root: null,
      rootMargin: '0px',
      thresholds: [0],
      observe: (target: Element) => {
        if (connected) {
          callback([{ target, isIntersecting: inView } as IntersectionObserverEntry], observer);
        }
      },
      unobserve: () => undefined,
      disconnect: () => {
        connected = false;
      },
      takeRecords: () => [],
    };
    return observer;
  });
}
