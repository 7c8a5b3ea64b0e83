import type SQLite from 'better-sqlite3';

/**
 * Prepared statements by SQL text, at most `capacity` of them. Has the shape of
 * Kysely's `SqliteDatabase` (`prepare`, `close`).
 *
 * Reusing a better-sqlite3 Statement is safe as long as it is not iterating:
 * `all()` and `run()` execute it to the end and reset it, `reader` is fixed at
 * prepare time, and nothing here changes its modes (raw, pluck, expand,
 * safeIntegers). Only `iterate()` leaves a statement busy, so streamed queries
 * do not use the cache.
 */
export class StatementCache {
  private readonly statements = new Map<string, SQLite.Statement>();

  constructor(
    readonly sqlite: SQLite.Database,
    private readonly capacity: number,
  ) {}

  prepare(source: string): SQLite.Statement {
    const cached = this.statements.get(source);
    if (cached) {
      // A Map iterates in insertion order: re-inserting marks it most recently used.
      this.statements.delete(source);
      this.statements.set(source, cached);
      return cached;
    }
    const statement = this.sqlite.prepare(source);
    if (this.statements.size >= this.capacity) {
      const oldest = this.statements.keys().next().value;
      if (oldest !== undefined) {
        this.statements.delete(oldest);
      }
    }
    this.statements.set(source, statement);
    return statement;
  }

  get size(): number {
    return this.statements.size;
  }

  close(): void {
    this.statements.clear();
    this.sqlite.close();
  }
}
