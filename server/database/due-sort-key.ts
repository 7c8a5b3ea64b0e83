/**
 * The desk's due-date order, shared by the migrations that index it and the queries that
 * read in that index's order.
 */
import { sql } from 'kysely';

/**
 * A claim's place in due-date order: its due time, or after every due time when it has
 * none. An index on this very expression serves the desk's due sort (SQLite and
 * PostgreSQL both match an ORDER BY to an index only by the same expression), so the
 * desk's queries use this constant; like a migration, it never changes.
 */
export const NO_DUE_DATE_KEY = '9999-12-31T23:59:59.999Z';
export const DUE_SORT_KEY_SQL = sql.raw(`coalesce(due_at, '${NO_DUE_DATE_KEY}')`);
