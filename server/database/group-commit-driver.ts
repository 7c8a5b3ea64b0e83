/**
 * The driver behind GroupCommitDialect: batches write transactions under one COMMIT,
 * serialises the single connection, and refuses further use once the connection can no
 * longer be trusted. What it promises, and the rules for callers: group-commit.ts.
 */
import type SQLite from 'better-sqlite3';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryCompiler,
  type TransactionSettings,
} from 'kysely';
import { FifoLock } from './fifo-lock';
import type { GroupCommitStats } from './group-commit';
import { Lease } from './group-commit-lease';
import type { ReadConnection } from './read-connection';
import type { StatementCache } from './statement-cache';

/** A transaction in the open batch, waiting for the batch's COMMIT. */
interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

/** The name of every transaction's savepoint: only one is ever open at a time. */
const SAVEPOINT = 'claimdesk_tx';

export class GroupCommitDriver implements Driver {
  private readonly connectionLock = new FifoLock();
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
    await (connection as Lease).savepointCommand('savepoint', name, compileQuery);
  }

  async rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compileQuery: QueryCompiler['compileQuery'],
  ): Promise<void> {
    await (connection as Lease).savepointCommand('rollback to', name, compileQuery);
  }

  async releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compileQuery: QueryCompiler['compileQuery'],
  ): Promise<void> {
    await (connection as Lease).savepointCommand('release', name, compileQuery);
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
    this.connectionLock.refuseWaiting(this.failure);
  }

  /** In line for the connection, unless it is closed or can no longer be trusted. */
  lock(): Promise<void> | undefined {
    return this.failure ? Promise.reject(this.failure) : this.connectionLock.acquire();
  }

  unlock(): void {
    if (this.connectionLock.release()) {
      return;
    }
    if (this.batch && !this.flushScheduled) {
      // No one waits now. Requests that arrived together are still on their way here
      // (parsing, validation, hooks): give them this turn of the event loop to get in
      // line and join the batch, then commit.
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        // If someone holds the lock, their release schedules the flush again.
        if (!this.connectionLock.held && this.batch) {
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
