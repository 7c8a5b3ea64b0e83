/**
 * `npm run db -- copy FROM TO`: a whole desk from one database to another, either
 * engine on either side. Generic by table and column, so that a column a later
 * migration adds is copied without a change here; a table added to `Database`
 * must be added to TABLE_KEYS (the compiler insists), and a table the source holds
 * that this list does not know stops the copy rather than being left behind.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import { isPostgres } from '../database/engine';
import { migrateToLatest } from '../database/migrations';
import type { Database } from '../database/schema';

/**
 * Tables the database derives from the desk's rows with triggers: not copied, since the
 * target's own triggers fill them as the rows they derive from arrive (copying them as
 * well would count and index everything twice). The article claim counts (migration
 * 0013), and the search index (migration 0011) with FTS5's own tables under it.
 */
type DerivedTable = 'article_claim_counts';
const DERIVED = /^(article_claim_counts|search_(documents|fts(_\w+)?))$/;

/**
 * Every table, parents before children (the order of the foreign keys), with the
 * columns that order its rows: the copy reads each table in pages by this key.
 */
export const TABLE_KEYS: Readonly<Record<CopiedTable, readonly string[]>> = {
  users: ['id'],
  sessions: ['token_hash'],
  setup_tokens: ['token_hash'],
  articles: ['id'],
  claims: ['id'],
  evidence: ['id'],
  notes: ['id'],
  history: ['id'],
  events: ['id'],
  suggestions: ['id'],
  suggestion_runs: ['article_id'],
  bulk_batches: ['id'],
  bulk_batch_claims: ['batch_id', 'claim_id'],
  login_attempts: ['key'],
  webhooks: ['id'],
  webhook_deliveries: ['seq'],
  notifications: ['id'],
  article_mutes: ['username', 'article_id'],
  due_reminders: ['claim_id', 'kind', 'due_at'],
};

type CopiedTable = Exclude<keyof Database, DerivedTable>;
export const TABLES = Object.keys(TABLE_KEYS) as CopiedTable[];

/** Tables the engines or Kysely keep for themselves: not the desk's data. */
const BOOKKEEPING = new Set(['kysely_migration', 'kysely_migration_lock', 'sqlite_sequence']);

/** Rows read per query: the source is read in key order, a page at a time. */
const PAGE = 1000;
/** Bound parameters per INSERT, well below both engines' limits (SQLite 32,766; PostgreSQL 65,535). */
const MAX_PARAMETERS = 10_000;

/** The copy was refused before anything was written: exit code 2. */
export class CopyRefused extends Error {}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** The tables in the database's own schema (PostgreSQL: the current schema only). */
export async function existingTables(db: AnyDb): Promise<string[]> {
  const { rows } = isPostgres(db)
    ? await sql<{ name: string }>`select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)
    : await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db);
  return rows
    .map((row) => row.name)
    .filter((name) => !BOOKKEEPING.has(name) && !DERIVED.test(name));
}

export async function countRows(db: AnyDb, table: string): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select(sql<number>`count(*)`.as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The desk's tables that hold rows, with their counts; empty when the database is empty. */
export async function nonEmptyTables(db: AnyDb): Promise<string[]> {
  const present = new Set(await existingTables(db));
  const found: string[] = [];
  for (const table of TABLES) {
    if (present.has(table)) {
      const count = await countRows(db, table);
      if (count > 0) found.push(`${table} (${count})`);
    }
  }
  return found;
}

async function copyTable(
  read: AnyDb,
  write: AnyDb,
  table: CopiedTable,
): Promise<{ read: number; source: number }> {
  const keys = TABLE_KEYS[table];
  const source = await countRows(read, table);
  let copied = 0;
  let last: unknown[] | undefined;
  for (;;) {
    let query = read.selectFrom(table).selectAll();
    if (last) {
      // Keyset paging: the rows after the last one read, by the whole key (row values work on both).
      const after = last;
      query = query.where(
        sql<boolean>`(${sql.join(keys.map((key) => sql.ref(key)))}) > (${sql.join(after)})`,
      );
    }
    for (const key of keys) query = query.orderBy(sql.ref(key));
    const rows: Record<string, unknown>[] = await query.limit(PAGE).execute();
    if (rows.length === 0) break;
    const columns = Object.keys(rows[0]).length;
    const chunk = Math.max(1, Math.floor(MAX_PARAMETERS / columns));
    for (let start = 0; start < rows.length; start += chunk) {
      await write
        .insertInto(table)
        .values(rows.slice(start, start + chunk))
        .execute();
    }
    copied += rows.length;
    if (rows.length < PAGE) break;
    const lastRow = rows[rows.length - 1];
    last = keys.map((key) => lastRow[key]);
  }
  return { read: copied, source };
}

/**
 * PostgreSQL hands out serial numbers from sequences that rows inserted with their
 * ids do not move: set each to follow the largest id copied, or the next user or
 * event would collide with a copied one. SQLite's AUTOINCREMENT follows by itself.
 */
async function resetSequences(trx: Transaction<Database>): Promise<void> {
  const { rows } = await sql<{ table_name: string; column_name: string; sequence: string }>`
    select table_name, column_name,
      pg_get_serial_sequence(quote_ident(table_name), column_name) as sequence
    from information_schema.columns
    where table_schema = current_schema()
      and (column_default like 'nextval(%' or is_identity = 'YES')`.execute(trx);
  for (const row of rows) {
    if (!row.sequence) continue;
    await sql`select setval(${row.sequence}::regclass,
        coalesce((select max(${sql.ref(row.column_name)}) from ${sql.table(row.table_name)}), 0) + 1,
        false)`.execute(trx);
  }
}

export interface TableCount {
  readonly table: string;
  readonly source: number;
  readonly target: number;
}

/**
 * Migrates both sides, refuses a target that holds any row, then copies every
 * table in one transaction on the target (all or nothing) from one snapshot of the
 * source, and checks the counts per table before committing.
 */
export async function copyDesk(source: Kysely<Database>, target: Kysely<Database>) {
  const unknown = (await existingTables(source)).filter(
    (table) => !(TABLES as string[]).includes(table),
  );
  const occupied = await nonEmptyTables(target);
  if (occupied.length > 0) {
    throw new CopyRefused(
      `The target is not empty: ${occupied.join(', ')}. ` +
        'Copy into a new, empty database (or schema), so that nothing there is overwritten or mixed in.',
    );
  }
  await migrateToLatest(source);
  await migrateToLatest(target);
  if (unknown.length > 0) {
    throw new CopyRefused(
      `The source has tables this version of Claimdesk does not know: ${unknown.join(', ')}. ` +
        'Copy with the version that made them.',
    );
  }
  // A snapshot of the source: PostgreSQL's repeatable read; SQLite's read transaction (WAL).
  let reading = source.transaction().setAccessMode('read only');
  if (isPostgres(source)) reading = reading.setIsolationLevel('repeatable read');
  return target.transaction().execute(async (trx) => {
    const counts = await reading.execute(async (read) => {
      const result: TableCount[] = [];
      for (const table of TABLES) {
        const { read: copied, source: count } = await copyTable(read, trx, table);
        if (copied !== count) {
          throw new Error(`${table}: read ${copied} rows of the ${count} counted in the source`);
        }
        result.push({ table, source: count, target: await countRows(trx, table) });
      }
      return result;
    });
    if (isPostgres(trx)) await resetSequences(trx);
    const wrong = counts.filter((count) => count.source !== count.target);
    if (wrong.length > 0) {
      throw new Error(
        `The counts differ, nothing was copied: ${wrong
          .map((count) => `${count.table} ${count.source} in the source, ${count.target} copied`)
          .join('; ')}`,
      );
    }
    return counts;
  });
}
