/**
 * A Kysely dialect for better-sqlite3 that keeps `synchronous = FULL` (every
 * acknowledged write is fsynced) but lets write transactions that arrive
 * together share one COMMIT, so one WAL fsync serves many of them.
 *
 * Kysely's own SqliteDriver runs `begin … commit` per transaction, so every write
 * pays a full fsync, and it prepares every statement anew. This driver differs
 * in three ways:
 *
 * - **Group commit.** The first transaction of a batch opens a real
 *   `BEGIN IMMEDIATE`; every transaction (the first included) runs inside its own
 *   `SAVEPOINT`. Committing a transaction only releases its savepoint, hands the
 *   connection to the next transaction in line and waits. When no one else is
 *   waiting for the connection (checked on the next turn of the event loop, so
 *   that requests which arrived together get in line first), or when the batch
 *   reaches `maxBatch`, one COMMIT makes the whole batch durable and every
 *   waiting transaction resolves. If that COMMIT fails, every transaction of the
 *   batch rejects: none is acknowledged. A transaction that fails rolls back to
 *   its own savepoint and leaves the others of its batch alone.
 * - **Statements outside a transaction see committed data only.** Before one
 *   runs while a batch is open, the batch is committed. So a read never returns
 *   a write that has not been made durable (and that a failed COMMIT could still
 *   take back), and a write outside a transaction is durable when it returns.
 * - **Prepared statements are cached** per SQL text (bounded, least recently
 *   used first out).
 *
 * There is one SQLite connection, so the driver serialises its users as
 * Kysely's does: a connection handed out by `acquireConnection` holds a FIFO
 * lock until it is released, except that a committing transaction gives the
 * lock up early, as its work is done and it only waits for the fsync.
 *
 * What members of a batch share: the batch's COMMIT. A constraint that SQLite
 * checks only at COMMIT (a DEFERRABLE INITIALLY DEFERRED foreign key, none in
 * this schema) fails every transaction of the batch, and so does anything that
 * makes SQLite roll the whole transaction back: an I/O error, a full disk,
 * `ON CONFLICT ROLLBACK`, `RAISE(ROLLBACK)`.
 *
 * Two rules for callers, because a batch commits only once its last member has
 * released its savepoint:
 *
 * - **A transaction's callback awaits nothing but its own `trx` queries.** A
 *   timer or a network call inside it delays the acknowledgement of every
 *   transaction ahead of it in the batch, and awaiting another transaction's
 *   result from inside one never finishes. Do slow work before or after.
 * - **Read-only transactions say so** (`db.transaction().setAccessMode('read
 *   only')`): they run in a plain `BEGIN … COMMIT` of their own with
 *   `query_only` on, outside any batch, so they neither wait for a batch's
 *   fsync nor fail with it, and they take no write lock.
 *
 * **Reads may run beside the writer.** Given a `reader` (read-connection.ts), a
 * statement outside any transaction that SQLite calls read-only, written as a
 * SELECT, runs on that second connection without waiting for the lock: a long
 * write transaction (an import) no longer holds up the health check and the
 * article list. It sees committed data only, as before. A lease that has used
 * the writer (a `db.connection()` callback that wrote) stays on the writer.
 *
 * A `db.connection()` callback does not keep the connection to itself across
 * an inner transaction's commit (the commit hands the lock on); nothing here
 * relies on that.
 *
 * If the connection is ever left inside a transaction the driver did not open
 * (a ROLLBACK that failed, a raw `BEGIN`), writes would seem to succeed but never
 * become durable: the driver then refuses every further use, loudly.
 */
import type SQLite from 'better-sqlite3';
import {
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import { GroupCommitDriver } from './group-commit-driver';
import type { ReadConnection } from './read-connection';
import { StatementCache } from './statement-cache';

export { StatementCache } from './statement-cache';

export interface GroupCommitStats {
  /** Transactions made durable. */
  transactions: number;
  /** Successful COMMITs; transactions / commits is the mean batch size. */
  commits: number;
  /** COMMITs that failed (every transaction in them was rejected). */
  failedCommits: number;
}

/**
 * Defaults for new dialects. Mutable only so that `BENCH_WHATIF=no-group-commit`
 * (server/bench/api-server.ts) can measure one COMMIT per transaction, as
 * before group commit, in the same run; the app never changes them.
 */
export const groupCommitDefaults = { maxBatch: 64, statementCacheSize: 256 };

export interface GroupCommitOptions {
  /** Commit a batch once it holds this many transactions, even if more are waiting. */
  readonly maxBatch?: number;
  /** Prepared statements kept. */
  readonly statementCacheSize?: number;
  /** A second connection to the same file, for reads outside a transaction. */
  readonly reader?: ReadConnection;
}

export class GroupCommitDialect implements Dialect {
  readonly stats: GroupCommitStats = { transactions: 0, commits: 0, failedCommits: 0 };
  private readonly driver: GroupCommitDriver;

  constructor(sqlite: SQLite.Database, options: GroupCommitOptions = {}) {
    this.driver = new GroupCommitDriver(
      new StatementCache(
        sqlite,
        options.statementCacheSize ?? groupCommitDefaults.statementCacheSize,
      ),
      Math.max(1, options.maxBatch ?? groupCommitDefaults.maxBatch),
      this.stats,
      options.reader ?? null,
    );
  }

  createDriver(): Driver {
    return this.driver;
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's Dialect signature
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}
