/** Types of scripts/postgres.mjs, for the TypeScript that imports it (the benchmarks). */
export interface ThrowawayPostgres {
  /** postgres://… of a role and database of its own. */
  readonly url: string;
  /** The bin folder of the PostgreSQL it runs (…/15/bin). */
  readonly bin: string;
  stop(): void;
}

export function startThrowawayPostgres(options?: { durable?: boolean }): Promise<ThrowawayPostgres>;
