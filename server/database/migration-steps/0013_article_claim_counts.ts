/**
 * Migration 0013: the article list without reading every claim or every article's text.
 *
 * 1. Each article's claims counted by stage and by verdict, one row per article, kept by
 *    triggers in step with every insert, update and delete of a claim, whichever code path
 *    writes it. The list grouped every claim on each request: with 1,000 articles of 100
 *    claims, that group alone took longer than the whole answer may.
 * 2. The list's columns in an index of their own: SQLite stores a row's columns in order,
 *    and reaching `created_at` or `version` past an article's text reads the whole text.
 *
 * The stages and verdicts are written out here, not imported: a migration never changes,
 * and a stage or verdict added later comes with a migration adding its column.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import { isPostgres } from '../engine';

const STAGES = [
  'new',
  'researching',
  'in_review',
  'changes_requested',
  'approved',
  'dismissed',
] as const;
/** 'none': claims without a verdict yet. */
const VERDICTS = [
  'true',
  'mostly_true',
  'mixed',
  'misleading',
  'mostly_false',
  'false',
  'unproven',
  'none',
] as const;

export const STAGE_COUNT_COLUMNS = STAGES.map((stage) => `stage_${stage}`);
export const VERDICT_COUNT_COLUMNS = VERDICTS.map((verdict) => `verdict_${verdict}`);

/** `SET` items adding `sign` for the stage and verdict of the claim row `row` (old or new). */
function countChanges(row: 'old' | 'new', sign: '+' | '-'): string {
  return [
    ...STAGES.map(
      (stage) =>
        `stage_${stage} = stage_${stage} ${sign} (case when ${row}.stage = '${stage}' then 1 else 0 end)`,
    ),
    ...VERDICTS.map(
      (verdict) =>
        `verdict_${verdict} = verdict_${verdict} ${sign} ` +
        `(case when coalesce(${row}.verdict, 'none') = '${verdict}' then 1 else 0 end)`,
    ),
  ].join(',\n');
}

function countClaim(row: 'old' | 'new', sign: '+' | '-'): string {
  return `update article_claim_counts set ${countChanges(row, sign)} where article_id = ${row}.article_id;`;
}

/** What counts for the list changed: stage, verdict or article. */
const MOVED = `old.article_id <> new.article_id or old.stage <> new.stage
  or coalesce(old.verdict, 'none') <> coalesce(new.verdict, 'none')`;

const SQLITE_TRIGGERS = [
  `create trigger article_claim_counts_article after insert on articles begin
     insert into article_claim_counts (article_id) values (new.id);
   end`,
  `create trigger article_claim_counts_insert after insert on claims begin
     ${countClaim('new', '+')}
   end`,
  `create trigger article_claim_counts_delete after delete on claims begin
     ${countClaim('old', '-')}
   end`,
  `create trigger article_claim_counts_update after update of article_id, stage, verdict on claims
   when ${MOVED}
   begin
     ${countClaim('old', '-')}
     ${countClaim('new', '+')}
   end`,
];

const POSTGRES_STATEMENTS = [
  `create function article_claim_counts_article() returns trigger language plpgsql as $$
   begin
     insert into article_claim_counts (article_id) values (new.id);
     return null;
   end;
   $$`,
  `create trigger article_claim_counts_article after insert on articles
   for each row execute function article_claim_counts_article()`,
  `create function article_claim_counts_keep() returns trigger language plpgsql as $$
   begin
     if tg_op in ('UPDATE', 'DELETE') then
       ${countClaim('old', '-')}
     end if;
     if tg_op in ('UPDATE', 'INSERT') then
       ${countClaim('new', '+')}
     end if;
     return null;
   end;
   $$`,
  `create trigger article_claim_counts_keep after insert or delete on claims
   for each row execute function article_claim_counts_keep()`,
  // PostgreSQL fires UPDATE OF whenever the column is SET, changed or not: the WHEN skips
  // the updates (a rationale, a note count) that leave the counts as they are.
  `create trigger article_claim_counts_moved after update of article_id, stage, verdict on claims
   for each row when (${MOVED}) execute function article_claim_counts_keep()`,
];

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    let table = db.schema
      .createTable('article_claim_counts')
      .addColumn('article_id', 'text', (c) =>
        c.primaryKey().references('articles.id').onDelete('cascade'),
      );
    for (const column of [...STAGE_COUNT_COLUMNS, ...VERDICT_COUNT_COLUMNS]) {
      table = table.addColumn(column, 'integer', (c) => c.notNull().defaultTo(0));
    }
    await table.execute();
    for (const statement of isPostgres(db) ? POSTGRES_STATEMENTS : SQLITE_TRIGGERS) {
      await sql.raw(statement).execute(db);
    }
    await db.schema
      .createIndex('articles_list')
      .on('articles')
      .columns([
        'archived',
        'created_at',
        'id',
        'headline',
        'outlet',
        'url',
        'published_at',
        'language',
        'updated_at',
        'version',
      ])
      .execute();
    // The articles and claims already there.
    const sums = [
      ...STAGES.map((stage) => `count(c.id) filter (where c.stage = '${stage}') as stage_${stage}`),
      ...VERDICTS.map(
        (verdict) =>
          `count(c.id) filter (where coalesce(c.verdict, 'none') = '${verdict}') as verdict_${verdict}`,
      ),
    ].join(', ');
    const columns = [...STAGE_COUNT_COLUMNS, ...VERDICT_COUNT_COLUMNS].join(', ');
    await sql
      .raw(
        `insert into article_claim_counts (article_id, ${columns})
         select a.id, ${sums} from articles a left join claims c on c.article_id = a.id
         group by a.id`,
      )
      .execute(db);
  },
};
