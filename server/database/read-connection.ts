/**
 * A second SQLite connection, for reads outside any transaction.
 *
 * The group-commit driver (group-commit.ts) serialises every use of the app's one
 * connection. A write transaction holds it until it commits: a 20,000-claim import held
 * it for seconds, and the health check and the article list waited behind it (691 ms at
 * p99 on a quiet machine). In WAL mode a reader on another connection neither waits for
 * the writer nor blocks it, and sees exactly what has been committed: the same promise
 * the driver makes for a statement outside a transaction (it commits an open batch first,
 * so that the statement sees durable data only; here the uncommitted batch is simply not
 * visible, and nothing of it has been acknowledged yet).
 *
 * Only a statement that SQLite itself calls read-only and that returns rows, written as
 * a SELECT, is read here. Everything else, and every statement of a transaction (whose
 * reads must see its own writes), stays on the writer. The connection is opened on first
 * use (after the migrations have made the schema) and has `query_only` on.
 */
import type SQLite from 'better-sqlite3';
import { type CompiledQuery, RawNode, SelectQueryNode } from 'kysely';
import { StatementCache } from './statement-cache';

/** Raw SQL read here: `select …` or `with … select …` (a CTE may also front a write: SQLite tells). */
const SELECT_TEXT = /^\s*(?:select|with)\b/i;

export class ReadConnection {
  private statements: StatementCache | null = null;

  constructor(
    private readonly open: () => SQLite.Database,
    private readonly cacheSize: number,
  ) {}

  /**
   * The rows of `query` read on this connection, or undefined when it is not a plain
   * read (or the reader cannot take it now): then the writer runs it.
   */
  read<R>(query: CompiledQuery): R[] | undefined {
    const node = query.query;
    if (!SelectQueryNode.is(node) && !(RawNode.is(node) && SELECT_TEXT.test(query.sql))) {
      return undefined;
    }
    let statement: SQLite.Statement;
    try {
      statement = this.connection().prepare(query.sql);
    } catch {
      // Whatever the reader cannot prepare (a table the writer made in its own connection),
      // the writer prepares, and reports if it is wrong.
      return undefined;
    }
    if (!statement.reader || !statement.readonly) {
      return undefined;
    }
    try {
      return statement.all(query.parameters as unknown[]) as R[];
    } catch (error) {
      // A reader is refused only in rare moments (a log being reset): the writer then.
      if ((error as { code?: unknown }).code === 'SQLITE_BUSY') {
        return undefined;
      }
      throw error;
    }
  }

  close(): void {
    this.statements?.close();
    this.statements = null;
  }

  private connection(): StatementCache {
    if (!this.statements) {
      const sqlite = this.open();
      sqlite.pragma('query_only = ON');
      // A reader in WAL mode waits only in rare moments; never long, on the event loop.
      sqlite.pragma('busy_timeout = 50');
      this.statements = new StatementCache(sqlite, this.cacheSize);
    }
    return this.statements;
  }
}
