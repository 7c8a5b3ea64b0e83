/** One clock for every stored timestamp: ISO 8601 in UTC. */
export function now(): string {
  return new Date().toISOString();
}
