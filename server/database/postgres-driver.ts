/**
 * Kysely's PostgreSQL driver, with two savings per query that a write storm adds up:
 *
 * - BEGIN is not waited for. The pool runs in pg's pipeline mode, so the transaction's
 *   first statement goes out right behind it, and the two cost one round trip where they
 *   cost two. COMMIT first checks that BEGIN succeeded (it answered long before).
 * - A statement is prepared once per connection (named by its text), so PostgreSQL parses
 *   and plans it once instead of on every call. Only statements that name their columns:
 *   a prepared `select *` fails with "cached plan must not change result type" once
 *   another process adds a column, which a server started with a newer version does while
 *   this one runs. Large or one-off statements (imports' multi-row inserts, `in` lists of
 *   any length) run unnamed, and a connection holds at most PREPARED_MAX statements.
 */
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  PostgresDialect,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type pg from 'pg';

/** Distinct statements prepared on one connection, at most: PostgreSQL keeps each one. */
const PREPARED_MAX = 200;
/** Longer statements, or with more parameters, are one-offs (bulk inserts): never prepared. */
const PREPARED_MAX_LENGTH = 8_000;
const PREPARED_MAX_PARAMETERS = 64;

/** A column wildcard (`select *`, `t.*`, `returning *`), not `count(*)`. */
const WILDCARD = /\.\*|\b(?:select|returning|distinct)\s+\*|,\s*\*/i;
const DATA_STATEMENT = /^\s*(?:select|insert|update|delete|with)\b/i;

/** Statement names by text, shared by the connections (each prepares a name once). */
const statementNames = new Map<string, string>();

function statementName(query: CompiledQuery): string | undefined {
  const known = statementNames.get(query.sql);
  if (known !== undefined) {
    return known;
  }
  if (
    statementNames.size >= PREPARED_MAX ||
    query.parameters.length === 0 ||
    query.parameters.length > PREPARED_MAX_PARAMETERS ||
    query.sql.length > PREPARED_MAX_LENGTH ||
    !DATA_STATEMENT.test(query.sql) ||
    WILDCARD.test(query.sql)
  ) {
    return undefined;
  }
  const name = `claimdesk_${statementNames.size + 1}`;
  statementNames.set(query.sql, name);
  return name;
}

class Connection implements DatabaseConnection {
  /** The BEGIN sent but not waited for, until COMMIT or ROLLBACK looks at it. */
  begun: Promise<unknown> | null = null;
  broken = false;

  constructor(readonly client: pg.PoolClient) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const name = statementName(query);
    const result = await this.client.query<R & object>({
      text: query.sql,
      values: [...query.parameters],
      ...(name !== undefined ? { name } : {}),
    });
    const { command, rowCount, rows } = result;
    if (command === 'ROLLBACK' || command === 'COMMIT') {
      return { rows: [{ command } as R] };
    }
    return {
      numAffectedRows:
        command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' || command === 'MERGE'
          ? BigInt(rowCount ?? 0)
          : undefined,
      rows: rows ?? [],
    };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming queries are not used on PostgreSQL');
  }
}

class PipelinedPostgresDriver implements Driver {
  constructor(private readonly pool: pg.Pool) {}

  init(): Promise<void> {
    return Promise.resolve();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new Connection(await this.pool.connect());
  }

  async beginTransaction(connection: Connection, settings: TransactionSettings): Promise<void> {
    let text = 'start transaction';
    if (settings.isolationLevel) text += ` isolation level ${settings.isolationLevel}`;
    if (settings.accessMode) text += ` ${settings.accessMode}`;
    const begun = connection.executeQuery(CompiledQuery.raw(text));
    // Looked at by COMMIT or ROLLBACK; a failed BEGIN fails the statements behind it too.
    begun.catch(() => undefined);
    connection.begun = begun;
  }

  async commitTransaction(connection: Connection): Promise<void> {
    const begun = connection.begun;
    connection.begun = null;
    await begun;
    const { rows } = await connection.executeQuery<{ command?: string }>(
      CompiledQuery.raw('commit'),
    );
    // PostgreSQL completes COMMIT with a ROLLBACK tag if an earlier statement failed.
    if (rows[0]?.command === 'ROLLBACK') {
      throw new Error('the transaction was rolled back: an earlier statement in it failed');
    }
  }

  async rollbackTransaction(connection: Connection): Promise<void> {
    connection.begun = null;
    try {
      await connection.executeQuery(CompiledQuery.raw('rollback'));
    } catch (error) {
      // A connection that cannot roll back may still be in the transaction: never reuse it.
      connection.broken = true;
      throw error;
    }
  }

  async releaseConnection(connection: Connection): Promise<void> {
    connection.client.release(connection.broken);
  }

  async destroy(): Promise<void> {
    await this.pool.end();
  }
}

/** PostgreSQL's dialect on `pool` (created with `pipeline: true`) with the driver above. */
export class PipelinedPostgresDialect extends PostgresDialect {
  constructor(private readonly pgPool: pg.Pool) {
    super({ pool: pgPool });
  }

  override createDriver(): Driver {
    return new PipelinedPostgresDriver(this.pgPool);
  }
}
