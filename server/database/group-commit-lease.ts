import {
  type CompiledQuery,
  createQueryId,
  type DatabaseConnection,
  IdentifierNode,
  type QueryCompiler,
  type QueryResult,
  RawNode,
  SelectQueryNode,
} from 'kysely';
import type { GroupCommitDriver } from './group-commit-driver';

/**
 * One use of the single SQLite connection, from `acquireConnection` to
 * `releaseConnection`. A fresh object per use, so that a transaction that gave
 * the lock up at commit cannot release it again for someone else.
 */
export class Lease implements DatabaseConnection {
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

  /**
   * Kysely's own savepoints (controlled transactions), nested inside the transaction's;
   * built as Kysely's SqliteDriver builds them, the name quoted as an identifier.
   */
  async savepointCommand(
    command: 'savepoint' | 'rollback to' | 'release',
    name: string,
    compileQuery: QueryCompiler['compileQuery'],
  ): Promise<void> {
    const node = RawNode.createWithChildren([
      RawNode.createWithSql(`${command} `),
      IdentifierNode.create(name),
    ]);
    await this.executeQuery(compileQuery(node, createQueryId()));
  }
}
