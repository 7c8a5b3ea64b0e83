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
  type CompiledQuery,
  createQueryId,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  IdentifierNode,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  RawNode,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type TransactionSettings,
} from 'kysely';
import type { ReadConnection } from './read-connection';

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

/** A transaction in the open batch, waiting for the batch's COMMIT. */
interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

/** Someone in line for the connection. */
interface LockWaiter {
  grant(): void;
  refuse(error: Error): void;
}

/** The name of every transaction's savepoint: only one is ever open at a time. */
const SAVEPOINT = 'claimdesk_tx';

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

/**
 * One use of the single SQLite connection, from `acquireConnection` to
 * `releaseConnection`. A fresh object per use, so that a transaction that gave
 * the lock up at commit cannot release it again for someone else.
 */
class Lease implements DatabaseConnection {
  holdsLock = false;
  /** Inside its own savepoint, between beginTransaction and commit or rollback. */
  inTransaction = false;
  /** Its transaction is read-only: a plain BEGIN of its own, outside any batch. */
  readOnly = false;
  /** It has run something on the writer: what follows stays there. */
  usedWriter = false;

  constructor(private readonly driver: GroupCommitDriver) {}

  /** Waits for the lock if this lease does not hold it (again, after its commit). */
  async hold(): Promise<void> {
    if (!this.holdsLock) {
      await this.driver.lock();
      this.holdsLock = true;
    }
  }

  release(): void {
    if (this.holdsLock) {
      this.holdsLock = false;
      this.driver.unlock();
    }
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (!this.holdsLock && !this.inTransaction && !this.usedWriter) {
      const rows = this.driver.readElsewhere<R>(query);
      if (rows) {
        return { rows };
      }
    }
    this.usedWriter = true;
    if (!this.holdsLock) {
      await this.hold();
    }
    this.driver.beforeStatement(this);
    const statement = this.driver.statements.prepare(query.sql);
    const parameters = query.parameters as unknown[];
    // As Kysely's SqliteConnection: `reader` covers SELECT and `… RETURNING`.
    if (statement.reader) {
      return { rows: statement.all(parameters) as R[] };
    }
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(query.query)) {
      throw new Error('Sqlite driver only supports streaming of select queries');
    }
    this.usedWriter = true;
    await this.hold();
    this.driver.beforeStatement(this);
    // Not from the cache: an iterating statement is busy until the iteration ends.
    const statement = this.driver.statements.sqlite.prepare(query.sql);
    for (const row of statement.iterate(query.parameters as unknown[])) {
      yield { rows: [row as R] };
    }
  }
}

class GroupCommitDriver implements Driver {
  private locked = false;
  private readonly lockQueue: LockWaiter[] = [];
  /** Set once the connection is closed or can no longer be trusted: every use then fails. */
  private failure: Error | null = null;
  /** The transactions of the open batch (a `BEGIN IMMEDIATE` is open), or null. */
  private batch: Waiter[] | null = null;
  private flushScheduled = false;

  constructor(
    readonly statements: StatementCache,
    private readonly maxBatch: number,
    private readonly stats: GroupCommitStats,
    private readonly reader: ReadConnection | null,
  ) {}

  private get sqlite(): SQLite.Database {
    return this.statements.sqlite;
  }

  async init(): Promise<void> {
    // The caller opens the database and sets its pragmas; the durability promise
    // above holds only with these two, so refuse to run without them.
    const journal = this.sqlite.pragma('journal_mode', { simple: true });
    const synchronous = this.sqlite.pragma('synchronous', { simple: true });
    if (journal !== 'wal' || synchronous !== 2) {
      throw new Error(
        `group commit needs journal_mode = WAL and synchronous = FULL, not ${String(journal)} and ${String(synchronous)}`,
      );
    }
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const lease = new Lease(this);
    if (!this.reader) {
      await lease.hold();
    }
    // With a reader the lock is taken by the first statement that needs the writer:
    // a plain read may not need it at all.
    return lease;
  }

  /** A read outside any transaction, on the second connection; undefined: the writer's. */
  readElsewhere<R>(query: CompiledQuery): R[] | undefined {
    return this.reader && !this.failure ? this.reader.read<R>(query) : undefined;
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as Lease).release();
  }

  async beginTransaction(
    connection: DatabaseConnection,
    settings: TransactionSettings = {},
  ): Promise<void> {
    const lease = connection as Lease;
    await lease.hold();
    this.assertUsable();
    this.assertBatchAlive();
    if (settings.accessMode === 'read only') {
      // Its own snapshot of committed data: commit an open batch first, as for any read.
      this.commitBatch();
      this.exec('BEGIN');
      this.exec('PRAGMA query_only = ON');
      lease.readOnly = true;
      lease.inTransaction = true;
      return;
    }
    if (!this.batch) {
      // IMMEDIATE takes the write lock now: another process (the users CLI) cannot
      // make the batch fail later when a read would have to become a write.
      this.exec('BEGIN IMMEDIATE');
      this.batch = [];
    }
    this.exec(`SAVEPOINT ${SAVEPOINT}`);
    lease.inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    if (lease.readOnly) {
      this.endReadOnly(lease, 'COMMIT');
      return;
    }
    this.assertBatchAlive();
    const batch = this.batch;
    if (!batch) {
      throw new Error('commit without an open batch');
    }
    // Its changes join the batch; they become durable with the batch's COMMIT.
    this.exec(`RELEASE ${SAVEPOINT}`);
    lease.inTransaction = false;
    const durable = new Promise<void>((resolve, reject) => batch.push({ resolve, reject }));
    if (batch.length >= this.maxBatch) {
      this.commitBatch();
    }
    // Let the next transaction in line run and join the batch while this one waits.
    lease.release();
    await durable;
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    if (!lease.inTransaction) {
      // Kysely rolls back after a failed commit too: the batch's COMMIT failed and
      // the whole batch has been rolled back already; this lease no longer holds the lock.
      return;
    }
    if (lease.readOnly) {
      this.endReadOnly(lease, 'ROLLBACK');
      return;
    }
    lease.inTransaction = false;
    if (!this.sqlite.inTransaction) {
      // SQLite rolled the whole batch back itself (say, after an I/O error).
      this.failBatch(new Error('SQLite rolled back the transaction batch after an error'));
      return;
    }
    try {
      this.exec(`ROLLBACK TO ${SAVEPOINT}`);
      this.exec(`RELEASE ${SAVEPOINT}`);
    } catch (error) {
      this.failBatch(error);
      return;
    }
    if (this.batch?.length === 0) {
      // No one else in this batch: end it now instead of committing nothing later.
      this.batch = null;
      this.exec('ROLLBACK');
    }
  }

  async savepoint(
    connection: DatabaseConnection,
    name: string,
    compileQuery: QueryCompiler['compileQuery'],
  ): Promise<void> {
    await this.savepointCommand(connection, 'savepoint', name, compileQuery);
  }

  async rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compileQuery: QueryCompiler['compileQuery'],
  ): Promise<void> {
    await this.savepointCommand(connection, 'rollback to', name, compileQuery);
  }

  async releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compileQuery: QueryCompiler['compileQuery'],
  ): Promise<void> {
    await this.savepointCommand(connection, 'release', name, compileQuery);
  }

  async destroy(): Promise<void> {
    // Wait for those already in line, make an open batch durable, close. The lock
    // is never given back: whoever asks for the connection after this is refused.
    try {
      await this.lock();
      this.commitBatch();
    } catch {
      // The connection was already unusable: close it all the same.
    }
    this.failure ??= new Error('The database connection is closed');
    this.reader?.close();
    if (this.sqlite.open) {
      this.statements.close();
    }
    for (const waiter of this.lockQueue.splice(0)) {
      waiter.refuse(this.failure);
    }
  }

  /** FIFO: each release hands the lock to the next in line, which wakes alone. */
  lock(): Promise<void> | undefined {
    if (this.failure) {
      return Promise.reject(this.failure);
    }
    if (!this.locked) {
      this.locked = true;
      return undefined;
    }
    return new Promise((grant, refuse) => this.lockQueue.push({ grant, refuse }));
  }

  unlock(): void {
    const next = this.lockQueue.shift();
    if (next) {
      next.grant();
      return;
    }
    this.locked = false;
    if (this.batch && !this.flushScheduled) {
      // No one waits now. Requests that arrived together are still on their way here
      // (parsing, validation, hooks): give them this turn of the event loop to get in
      // line and join the batch, then commit.
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        // If someone holds the lock, their release schedules the flush again.
        if (!this.locked && this.batch) {
          this.commitBatch();
        }
      });
    }
  }

  /** Called with the lock held, before every statement of a lease. */
  beforeStatement(lease: Lease): void {
    this.assertUsable();
    if (lease.readOnly) {
      return;
    }
    if (lease.inTransaction) {
      // Had SQLite rolled the batch back, this statement would run in autocommit mode.
      this.assertBatchAlive();
    } else if (this.batch) {
      // A statement outside a transaction: see and write committed data only.
      this.commitBatch();
    } else if (this.sqlite.inTransaction) {
      // A transaction this driver did not open (a raw BEGIN): what follows would
      // report success and never be committed.
      this.breakConnection(new Error('a transaction was opened outside the driver'));
    }
  }

  private async savepointCommand(
    connection: DatabaseConnection,
    command: 'savepoint' | 'rollback to' | 'release',
    name: string,
    compileQuery: QueryCompiler['compileQuery'],
  ): Promise<void> {
    // Kysely's own savepoints (controlled transactions) nest inside the transaction's;
    // built as Kysely's SqliteDriver builds them, the name quoted as an identifier.
    const node = RawNode.createWithChildren([
      RawNode.createWithSql(`${command} `),
      IdentifierNode.create(name),
    ]);
    await connection.executeQuery(compileQuery(node, createQueryId()));
  }

  /** COMMITs the open batch (one fsync) and settles every transaction in it. */
  private commitBatch(): void {
    const batch = this.batch;
    if (!batch) {
      return;
    }
    try {
      this.exec('COMMIT');
    } catch (error) {
      this.stats.failedCommits += 1;
      this.failBatch(error);
      return;
    }
    this.batch = null;
    this.stats.commits += 1;
    this.stats.transactions += batch.length;
    for (const waiter of batch) {
      waiter.resolve();
    }
  }

  /** Rolls the open batch back and rejects every transaction in it: none is acknowledged. */
  private failBatch(error: unknown): void {
    const batch = this.batch ?? [];
    this.batch = null;
    if (this.sqlite.inTransaction) {
      try {
        this.exec('ROLLBACK');
      } catch {
        // Checked just below: what matters is whether SQLite is still inside it.
      }
    }
    for (const waiter of batch) {
      waiter.reject(error);
    }
    if (this.sqlite.inTransaction) {
      this.failure = new Error(
        'The database connection is stuck in a failed transaction; restart the server',
        { cause: error },
      );
    }
  }

  /** Ends a read-only transaction; its lock goes back with the connection. */
  private endReadOnly(lease: Lease, command: 'COMMIT' | 'ROLLBACK'): void {
    lease.readOnly = false;
    lease.inTransaction = false;
    try {
      if (this.sqlite.inTransaction) {
        this.exec(command);
      }
    } finally {
      this.exec('PRAGMA query_only = OFF');
    }
  }

  /** Throws once the connection is closed or no longer trustworthy. */
  private assertUsable(): void {
    if (this.failure) {
      throw this.failure;
    }
  }

  /** Marks the connection as unusable from now on, and throws. */
  private breakConnection(error: Error): never {
    this.failure = new Error(`${error.message}; restart the server`, { cause: error });
    throw this.failure;
  }

  /** If SQLite rolled the batch back on its own, fails the batch and throws. */
  private assertBatchAlive(): void {
    if (this.batch && !this.sqlite.inTransaction) {
      const error = new Error('SQLite rolled back the transaction batch after an error');
      this.failBatch(error);
      throw error;
    }
  }

  private exec(source: string): void {
    this.statements.prepare(source).run();
  }
}
