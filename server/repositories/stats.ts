/**
 * The desk's statistics for the overview: how long claims spend in each
 * stage, approvals per week, and what is overdue now. Across every article
 * that is not archived, or for one article (archived or not).
 *
 * One implementation for SQLite and PostgreSQL: plain selects, `like` and
 * `group by`, no JSON functions (the engines share none); the weeks are
 * counted in JS, over rows bounded by the last STATS_WEEKS weeks of activity.
 */
import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { type DeskStats, STATS_WEEKS } from '../../src/domain/desk';
import { isSettled, type Stage, STAGES } from '../../src/domain/workflow';
import type { Database } from '../database/schema';
import { readSnapshot } from './report-data';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface StatsScope {
  /** One article's claims; otherwise every article that is not archived. */
  readonly articleId?: string;
  readonly now?: Date;
}

/** Monday 00:00 UTC of the ISO week holding `time`. */
export function weekStart(time: number): number {
  const day = new Date(time);
  const midnight = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
  return midnight - ((day.getUTCDay() + 6) % 7) * DAY;
}

function median(values: number[]): number | null {
  if (values.length === 0) {
    return null;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return Math.round(value * 100) / 100;
}

const isStage = (value: unknown): value is Stage =>
  typeof value === 'string' && (STAGES as readonly string[]).includes(value);

/** Claims in scope, as a subquery of their ids. */
function claimsInScope(db: Kysely<Database>, scope: StatsScope) {
  let query = db.selectFrom('claims').innerJoin('articles', 'articles.id', 'claims.article_id');
  query = scope.articleId
    ? query.where('claims.article_id', '=', scope.articleId)
    : query.where('articles.archived', '=', 0);
  return query;
}

type ScopedClaims = ReturnType<typeof claimsInScope>;
type ClaimIds = SelectQueryBuilder<Database, 'claims' | 'articles', { id: string }>;

/**
 * The stage a history entry leaves the claim in, where it says: every workflow
 * action, bulk undo and import records `"stage":"…"` in `after` (JSON written
 * by JSON.stringify, flat, so the pattern cannot sit inside a string value,
 * where quotes are escaped); a created claim is new. Read with LIKE and CASE,
 * which every SQL database has, rather than by parsing the JSON of 100,000
 * entries in JS.
 */
const STAGE_AFTER = sql<Stage | null>`case ${sql.join(
  STAGES.map((stage) => sql`when "after" like ${`%"stage":"${stage}"%`} then ${stage}`),
  sql` `,
)} when "action" = 'create' then 'new' else null end`;

/**
 * Hours spent in each stage, from each claim's history: a stretch runs from
 * the entry that put the claim in a stage to the one that moved it on. Only
 * claims with a stage change in the window are read, and only stretches that
 * ended in it count. Stretches of no length (the entries one import writes at
 * once) are left out. The current stretch of a claim in an unsettled stage
 * counts up to now (from its `stage_since`): a claim waiting in review for
 * weeks is what the median should show; an approved or dismissed claim's
 * current stretch never ends and is left out.
 */
async function hoursInStage(
  db: Kysely<Database>,
  scoped: ScopedClaims,
  since: string,
  now: number,
): Promise<Record<Stage, number[]>> {
  const durations = Object.fromEntries(STAGES.map((s) => [s, [] as number[]])) as Record<
    Stage,
    number[]
  >;
  const touched: ClaimIds = scoped
    .select('claims.id')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('history')
          .select('history.id')
          .whereRef('history.claim_id', '=', 'claims.id')
          .where('history.at', '>=', since)
          .where('history.after', 'like', '%"stage":%'),
      ),
    );
  const entries = await db
    .selectFrom('history')
    .select(['claim_id', 'at', STAGE_AFTER.as('stage')])
    .where('claim_id', 'in', touched)
    .where((eb) => eb.or([eb('action', '=', 'create'), eb('after', 'like', '%"stage":%')]))
    .orderBy('claim_id')
    .orderBy('id')
    .execute();
  let claim: string | null = null;
  let stage: Stage | undefined;
  let from = 0;
  for (const entry of entries) {
    if (entry.claim_id !== claim) {
      claim = entry.claim_id;
      stage = undefined;
    }
    const next = entry.stage ?? undefined;
    const at = Date.parse(entry.at);
    if (next === undefined || Number.isNaN(at)) {
      continue;
    }
    if (stage !== undefined && next !== stage) {
      if (at > from && entry.at >= since) {
        durations[stage].push((at - from) / HOUR);
      }
    }
    if (stage === undefined || next !== stage) {
      stage = next;
      from = at;
    }
  }

  const open = await scoped
    .select(['claims.stage', 'claims.stage_since'])
    .where(
      'claims.stage',
      'not in',
      STAGES.filter((s) => isSettled(s)),
    )
    .execute();
  for (const row of open) {
    const start = Date.parse(row.stage_since);
    if (isStage(row.stage) && !Number.isNaN(start) && now > start) {
      durations[row.stage].push((now - start) / HOUR);
    }
  }
  return durations;
}

async function approvalsPerWeek(
  db: Kysely<Database>,
  scoped: ScopedClaims,
  firstWeek: number,
): Promise<DeskStats['approvedPerWeek']> {
  const rows = await db
    .selectFrom('history')
    .select('at')
    .where('action', '=', 'approve')
    .where('at', '>=', new Date(firstWeek).toISOString())
    .where('claim_id', 'in', scoped.select('claims.id'))
    .execute();
  const weeks = Array.from({ length: STATS_WEEKS }, (_, i) => firstWeek + i * 7 * DAY);
  const counts = new Map(weeks.map((week) => [week, 0]));
  for (const row of rows) {
    const week = weekStart(Date.parse(row.at));
    if (counts.has(week)) {
      counts.set(week, (counts.get(week) ?? 0) + 1);
    }
  }
  return weeks.map((week) => ({
    week: new Date(week).toISOString().slice(0, 10),
    count: counts.get(week) ?? 0,
  }));
}

async function overdueNow(scoped: ScopedClaims, now: string): Promise<DeskStats['overdue']> {
  const rows = await scoped
    .select((eb) => ['claims.stage', 'claims.assignee', eb.fn.countAll<number>().as('n')])
    .where('claims.due_at', '<', now)
    .where(
      'claims.stage',
      'not in',
      STAGES.filter((s) => isSettled(s)),
    )
    .groupBy(['claims.stage', 'claims.assignee'])
    .execute();
  const byStage = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  const byAssignee = new Map<string | null, number>();
  let total = 0;
  for (const row of rows) {
    const n = Number(row.n);
    total += n;
    if (isStage(row.stage)) {
      byStage[row.stage] += n;
    }
    byAssignee.set(row.assignee, (byAssignee.get(row.assignee) ?? 0) + n);
  }
  return {
    total,
    byStage,
    byAssignee: [...byAssignee]
      .map(([assignee, count]) => ({ assignee, count }))
      .sort(
        (a, b) =>
          b.count - a.count ||
          // Nobody assigned after the people, then by name.
          Number(a.assignee === null) - Number(b.assignee === null) ||
          (a.assignee ?? '').localeCompare(b.assignee ?? ''),
      ),
  };
}

/** The desk's statistics now, in one read-only snapshot. */
export async function deskStats(db: Kysely<Database>, scope: StatsScope = {}): Promise<DeskStats> {
  const now = scope.now ?? new Date();
  const firstWeek = weekStart(now.getTime()) - (STATS_WEEKS - 1) * 7 * DAY;
  const since = new Date(firstWeek).toISOString();
  return readSnapshot(db, async (trx) => {
    const scoped = claimsInScope(trx, scope);
    const hours = await hoursInStage(trx, scoped, since, now.getTime());
    return {
      medianHoursInStage: Object.fromEntries(
        STAGES.map((stage) => [stage, median(hours[stage])]),
      ) as Record<Stage, number | null>,
      approvedPerWeek: await approvalsPerWeek(trx, scoped, firstWeek),
      overdue: await overdueNow(scoped, now.toISOString()),
    };
  });
}
