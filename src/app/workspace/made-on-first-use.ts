/**
 * A value made when first asked for, then kept. For `Intl` formats: making one costs a few
 * milliseconds (more on a slow phone), which a module-level constant pays while its chunk
 * is evaluated, in the page's start-up tasks, whether or not anything is formatted then.
 */
export function madeOnFirstUse<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}
