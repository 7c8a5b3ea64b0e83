/**
 * `npm run bench:api`'s settings: the environment it reads, the load it makes, and the
 * targets it reports against (issues 12 and 13).
 */

export const CONNECTIONS = 32;
/** Open event streams in the streams scenario (issue 13: 50 people listening). */
export const STREAMS = 50;
/** Writes with that many streams open, against the same writes without (issue 13). */
export const STREAMS_TARGET_RATIO = 0.9;
/** Reads against the bare route: SQLite's (issue 13, logging on), and PostgreSQL's (issue 12). */
export const READ_TARGET_RATIO: Record<EngineName, number> = { sqlite: 0.8, postgres: 0.5 };
export const READ_TARGET_P99_MS = 15;
export const WRITE_TARGET_PER_S = 1500;
/** The article list with 1,000 articles of 100 claims each, p95 at one connection (issue 13). */
export const ARTICLES_TARGET_P95_MS = 30;
/** A desk page (`GET /api/claims?assignee=me` over 100,000 claims), p95. */
export const DESK_TARGET_P95_MS = 50;

function envNumber(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') {
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) {
    throw new Error(`${name} must be a number of at least ${min}, not "${raw}"`);
  }
  return value;
}

export const SECONDS = envNumber('BENCH_SECONDS', 10, 1);
export const WARMUP_SECONDS = envNumber('BENCH_WARMUP_SECONDS', 2, 0);
/** Measured time per target is split into rounds of about 2 s. */
export const ROUNDS = Math.max(1, Math.round(SECONDS / 2));

export type EngineName = 'sqlite' | 'postgres';
export type ScenarioKey =
  'read' | 'patch' | 'note' | 'desk' | 'desk-alone' | 'articles' | 'streams';
export type Target = 'app' | 'bare';
