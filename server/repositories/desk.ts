/**
 * The desk: claims across articles (`GET /api/claims`), filtered, sorted and
 * read a page at a time with a keyset cursor, so that a page never skips or
 * repeats a claim that did not change while someone pages through.
 *
 * Portable SQL only (PostgreSQL is coming): row-value comparisons, `coalesce`,
 * `lower(…) like … escape`. The indexes of migration 0004 serve the queues.
 */
import { CompiledQuery, type Expression, type Kysely, sql, type SqlBool } from 'kysely';
import type { DeskClaim, DeskSort } from '../../src/domain/desk';
import type { Verdict } from '../../src/domain/verdicts';
import type { Stage } from '../../src/domain/workflow';
import { isPostgres } from '../database/engine';
import { DUE_SORT_KEY_SQL } from '../database/due-sort-key';
import type { Database } from '../database/schema';
import { repeatCountOf, toClaimSummary } from './claims';

/** What the list shows, with `me` already resolved to a username. */
export interface DeskFilter {
  /** A username; null for claims nobody is assigned to; undefined for anyone. */
  readonly assignee?: string | null;
  /** Leaves out the claims this username submitted. */
  readonly notSubmittedBy?: string;
  readonly stages?: readonly Stage[];
  readonly verdicts?: readonly (Verdict | 'none')[];
  readonly overdue?: boolean;
  /** UTC ISO 8601. */
  readonly dueBefore?: string;
  readonly article?: string;
  readonly q?: string;
  /** Include claims of archived articles. */
  readonly archived?: boolean;
  /** The time overdue is measured against (UTC ISO 8601). */
  readonly now: string;
}

export interface DeskOrder {
  readonly sort: DeskSort;
  readonly dir: 'asc' | 'desc';
}

/** Where the previous page ended: the last row's sort key, then its id. */
export type CursorKey = readonly (string | number)[];

/** The sort key of each order, id last; its length and types are what a cursor carries. */
const SORT_KEYS: Readonly<Record<DeskSort, readonly Expression<unknown>[]>> = {
  due: [sql`${DUE_SORT_KEY_SQL}`, sql.ref('claims.id')],
  updated: [sql.ref('claims.updated_at'), sql.ref('claims.id')],
  stage: [sql.ref('claims.stage_since'), sql.ref('claims.id')],
  article: [
    sql.ref('articles.headline'),
    sql.ref('claims.article_id'),
    sql.ref('claims.start_offset'),
    sql.ref('claims.id'),
  ],
};

/** The types of a cursor's values, per sort ('n' a number, 's' text). */
export const CURSOR_SHAPES: Readonly<Record<DeskSort, string>> = {
  due: 'ss',
  updated: 'ss',
  stage: 'ss',
  article: 'ssns',
};

const SETTLED: readonly Stage[] = ['approved', 'dismissed'];
const SEARCHED_COLUMNS = [
  'claims.quote',
  'claims.statement',
  'claims.rationale',
  'claims.claimant',
  'claims.summary',
] as const;

/** As the claims table reads a search (src/domain/claim-filter.ts): accents and case aside. */
function searchTerms(q: string): string[][] {
  return q
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => {
      const lower = word.replace(/[’‘]/g, "'").toLowerCase();
      const folded = lower.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      return [...new Set([folded, lower])];
    });
}

function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function filtered(db: Kysely<Database>, filter: DeskFilter) {
  return db.selectFrom('claims').where((eb) => {
    const all: Expression<SqlBool>[] = [];
    if (!filter.archived) {
      all.push(
        eb(
          'claims.article_id',
          'not in',
          eb.selectFrom('articles').select('articles.id').where('articles.archived', '<>', 0),
        ),
      );
    }
    if (filter.assignee === null) {
      all.push(eb('claims.assignee', 'is', null));
    } else if (filter.assignee !== undefined) {
      all.push(eb('claims.assignee', '=', filter.assignee));
    }
    if (filter.notSubmittedBy !== undefined) {
      all.push(
        eb.or([
          eb('claims.submitted_by', 'is', null),
          eb('claims.submitted_by', '<>', filter.notSubmittedBy),
        ]),
      );
    }
    if (filter.stages?.length) {
      all.push(eb('claims.stage', 'in', [...filter.stages]));
    }
    if (filter.verdicts?.length) {
      const named = filter.verdicts.filter((v): v is Verdict => v !== 'none');
      const either: Expression<SqlBool>[] = [];
      if (named.length) either.push(eb('claims.verdict', 'in', named));
      if (named.length < filter.verdicts.length) either.push(eb('claims.verdict', 'is', null));
      all.push(eb.or(either));
    }
    // Through the due key, not due_at itself, so that the due index serves the range;
    // no due date sorts after every time, so these leave out claims without one.
    if (filter.overdue) {
      all.push(sql<SqlBool>`${DUE_SORT_KEY_SQL} < ${filter.now}`);
      all.push(eb('claims.stage', 'not in', [...SETTLED]));
    }
    if (filter.dueBefore !== undefined) {
      all.push(sql<SqlBool>`${DUE_SORT_KEY_SQL} < ${filter.dueBefore}`);
    }
    if (filter.article !== undefined) {
      all.push(eb('claims.article_id', '=', filter.article));
    }
    for (const variants of searchTerms(filter.q ?? '')) {
      all.push(
        eb.or(
          variants.flatMap((term) => [
            ...SEARCHED_COLUMNS.map(
              (column) =>
                sql<SqlBool>`lower(${sql.ref(column)}) like ${likePattern(term)} escape ${sql.lit('\\')}`,
            ),
            // The claims table searches the live notes too.
            eb.exists(
              eb
                .selectFrom('notes')
                .select('notes.id')
                .whereRef('notes.claim_id', '=', 'claims.id')
                .where('notes.deleted_at', 'is', null)
                .where(
                  sql<SqlBool>`lower(notes.text) like ${likePattern(term)} escape ${sql.lit('\\')}`,
                ),
            ),
          ]),
        ),
      );
    }
    return eb.and(all);
  });
}

/** The page's rows in order, after the cursor's key when there is one. */
function pageQuery(
  db: Kysely<Database>,
  filter: DeskFilter,
  order: DeskOrder,
  after: CursorKey | null,
) {
  const keys = SORT_KEYS[order.sort];
  let page = filtered(db, filter).innerJoin('articles', 'articles.id', 'claims.article_id');
  if (after) {
    const comparison = sql.raw(order.dir === 'asc' ? '>' : '<');
    page = page.where(sql<SqlBool>`(${sql.join(keys)}) ${comparison} (${sql.join([...after])})`);
  }
  if (filter.assignee === null) {
    // The same value on every row, so the same order: PostgreSQL's planner takes
    // `assignee IS NULL` for no equality, and reads the assignee's queue index in
    // order only when the order starts with the assignee.
    page = page.orderBy(sql`claims.assignee ${sql.raw(order.dir)}`);
  }
  for (const key of keys) {
    page = page.orderBy(sql`${key} ${sql.raw(order.dir)}`);
  }
  return page;
}

export interface DeskRows {
  readonly items: DeskClaim[];
  /** The last item's sort key when more follow. */
  readonly nextKey: CursorKey | null;
  readonly total: number;
}

/** A page of the desk list: `limit` claims after `after` (the previous page's last key). */
export async function listDeskClaims(
  db: Kysely<Database>,
  filter: DeskFilter,
  order: DeskOrder,
  limit: number,
  after: CursorKey | null,
): Promise<DeskRows> {
  // One snapshot, so that the total and the page agree.
  return db
    .transaction()
    .setAccessMode('read only')
    .execute(async (trx) => {
      const keys = SORT_KEYS[order.sort];
      const page = pageQuery(trx, filter, order, after)
        .selectAll('claims')
        .select('articles.headline as article_headline')
        .select(keys.map((key, i) => sql<string | number>`${key}`.as(`sort_key_${i}`)))
        .select((eb) => [
          eb
            .selectFrom('evidence')
            .select(eb.fn.countAll<number>().as('n'))
            .whereRef('evidence.claim_id', '=', 'claims.id')
            .as('evidence_count'),
          eb
            .selectFrom('notes')
            .select(eb.fn.countAll<number>().as('n'))
            .whereRef('notes.claim_id', '=', 'claims.id')
            .where('notes.deleted_at', 'is', null)
            .as('note_count'),
          repeatCountOf(eb).as('repeat_count'),
        ]);
      const rows = await page.limit(limit + 1).execute();
      const { n } = await filtered(trx, filter)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const shown = rows.slice(0, limit);
      const last = shown[shown.length - 1] as Record<string, unknown> | undefined;
      return {
        items: shown.map((row) => ({
          ...toClaimSummary(row),
          articleHeadline: row.article_headline,
        })),
        nextKey:
          rows.length > limit && last
            ? keys.map((_, i) => last[`sort_key_${i}`] as string | number)
            : null,
        total: Number(n),
      };
    });
}

/**
 * The engine's plans for a desk page and its total, one line per step (tests
 * check that indexes serve them). PostgreSQL is asked with scans of the table,
 * bitmaps and sorts priced out, as on a desk of many claims: on a test's few
 * rows they are honestly cheaper, and what the test checks is that an index can
 * serve the filter and the order (a disabled step still shows when nothing else
 * can do it).
 */
export async function explainDeskPage(
  db: Kysely<Database>,
  filter: DeskFilter,
  order: DeskOrder,
  after: CursorKey | null = null,
): Promise<{ page: string[]; total: string[] }> {
  const postgres = isPostgres(db);
  const explain = async (compiled: CompiledQuery) => {
    if (postgres) {
      return db.transaction().execute(async (trx) => {
        for (const step of ['enable_seqscan', 'enable_bitmapscan', 'enable_sort']) {
          await sql`select set_config(${step}, 'off', true)`.execute(trx);
        }
        const plan = await trx.executeQuery<{ 'QUERY PLAN': string }>(
          CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]),
        );
        return plan.rows.map((row) => row['QUERY PLAN'].trim());
      });
    }
    const plan = await db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
    );
    return plan.rows.map((row) => row.detail);
  };
  return {
    page: await explain(
      pageQuery(db, filter, order, after).selectAll('claims').limit(51).compile(),
    ),
    total: await explain(
      filtered(db, filter)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .compile(),
    ),
  };
}
