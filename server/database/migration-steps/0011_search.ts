/**
 * Migration 0011_search: full-text search across articles, claims, notes and evidence.
 *
 * One row per searchable item in `search_documents` (a copy of its searchable text in
 * five columns: heading, body, summary, rationale, byline), kept in step with every write
 * by triggers on the four tables, so that every path (API, bulk, imports, deletions)
 * keeps it current without remembering to. An update that changes none of the searched
 * columns (a stage, an assignee, archiving) does not touch the index.
 *
 * SQLite: an FTS5 index over that table (external content), porter stemmer, accents
 * removed by unicode61. PostgreSQL: a stored tsvector ('english' stemmer) over the same
 * text with accents removed by `claimdesk_unaccent` (normalize(), no extension needed:
 * `unaccent` can only be created by a superuser), and a GIN index.
 *
 * Column use per kind:
 *   article:  heading = headline,  body = text
 *   claim:    heading = statement, body = quote, summary, rationale, byline = claimant
 *   note:     body = text (deleted notes are not indexed)
 *   evidence: heading = title,     body = quote, byline = publisher
 */
import { type Kysely, type Migration, sql } from 'kysely';
import { isPostgres } from '../engine';

/**
 * Latin letters with accents and the letter they are written with, as NFD decomposes
 * them (what SQLite's `remove_diacritics 2` removes): one character for one, so that
 * offsets into the unaccented text are offsets into the text.
 */
export function accentFolding(): { from: string; to: string } {
  let from = '';
  let to = '';
  const ranges: [number, number][] = [
    [0x00c0, 0x024f],
    [0x1e00, 0x1eff],
  ];
  for (const [first, last] of ranges) {
    for (let code = first; code <= last; code += 1) {
      const letter = String.fromCharCode(code);
      const base = letter.normalize('NFD').replace(/\p{M}/gu, '');
      if (base.length === 1 && base !== letter) {
        from += letter;
        to += base;
      }
    }
  }
  return { from, to };
}

const PG_INDEXED_CHARACTERS = 262_144;

type Kind = 'article' | 'claim' | 'note' | 'evidence';

interface Source {
  readonly kind: Kind;
  readonly table: string;
  /** Expressions over the row (`r.`) for each document column. */
  readonly articleId: string;
  readonly claimId: string;
  readonly columns: Record<'heading' | 'body' | 'summary' | 'rationale' | 'byline', string>;
  /** The row's columns the index reads: an update that changes none of them is skipped. */
  readonly watched: readonly string[];
  /** Rows that are indexed (notes: not deleted). */
  readonly indexed?: string;
}

const SOURCES: readonly Source[] = [
  {
    kind: 'article',
    table: 'articles',
    articleId: 'r.id',
    claimId: 'null',
    columns: {
      heading: 'r.headline',
      body: 'r.text',
      summary: 'null',
      rationale: 'null',
      byline: 'null',
    },
    watched: ['headline', 'text'],
  },
  {
    kind: 'claim',
    table: 'claims',
    articleId: 'r.article_id',
    claimId: 'r.id',
    columns: {
      heading: 'r.statement',
      body: 'r.quote',
      summary: 'r.summary',
      rationale: 'r.rationale',
      byline: 'r.claimant',
    },
    watched: ['statement', 'quote', 'summary', 'rationale', 'claimant'],
  },
  {
    kind: 'note',
    table: 'notes',
    articleId: '(select c.article_id from claims c where c.id = r.claim_id)',
    claimId: 'r.claim_id',
    columns: {
      heading: 'null',
      body: 'r.text',
      summary: 'null',
      rationale: 'null',
      byline: 'null',
    },
    watched: ['text', 'deleted_at'],
    indexed: 'r.deleted_at is null',
  },
  {
    kind: 'evidence',
    table: 'evidence',
    articleId: '(select c.article_id from claims c where c.id = r.claim_id)',
    claimId: 'r.claim_id',
    columns: {
      heading: 'r.title',
      body: 'r.quote',
      summary: 'null',
      rationale: 'null',
      byline: 'r.publisher',
    },
    watched: ['title', 'quote', 'publisher'],
  },
];

const COLUMNS = ['heading', 'body', 'summary', 'rationale', 'byline'] as const;

/** `select 'claim', r.id, … from claims r`, with `r` standing for the row given. */
function documentSelect(source: Source, row: string): string {
  const values = [
    `'${source.kind}'`,
    'r.id',
    source.articleId,
    source.claimId,
    ...COLUMNS.map((column) => source.columns[column]),
  ].map((value) => value.replace(/\br\./g, `${row}.`));
  return values.join(', ');
}

const INSERT_COLUMNS = `kind, ref, article_id, claim_id, ${COLUMNS.join(', ')}`;
const UPSERT_SET = COLUMNS.map((column) => `${column} = excluded.${column}`).join(', ');

function changed(source: Source): string {
  return source.watched.map((column) => `old.${column} is not new.${column}`).join(' or ');
}

async function run(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

async function upSqlite(db: Kysely<unknown>): Promise<void> {
  const tables = [
    `create table search_documents (
       id integer primary key,
       kind text not null,
       ref text not null,
       article_id text not null,
       claim_id text,
       ${COLUMNS.map((column) => `${column} text`).join(', ')},
       unique (kind, ref))`,
    `create index search_documents_claim on search_documents (claim_id)`,
    `create virtual table search_fts using fts5(
       ${COLUMNS.join(', ')},
       content = 'search_documents', content_rowid = 'id',
       tokenize = 'porter unicode61 remove_diacritics 2')`,
  ];
  await run(db, tables);
  // The rows already there, indexed in one pass; from then on the triggers keep step.
  await rebuild(db);
  await run(db, [`insert into search_fts (search_fts) values ('rebuild')`]);
  const statements = [
    // The external-content index follows its table (the pattern SQLite documents).
    `create trigger search_documents_ai after insert on search_documents begin
       insert into search_fts (rowid, ${COLUMNS.join(', ')})
       values (new.id, ${COLUMNS.map((c) => `new.${c}`).join(', ')});
     end`,
    `create trigger search_documents_ad after delete on search_documents begin
       insert into search_fts (search_fts, rowid, ${COLUMNS.join(', ')})
       values ('delete', old.id, ${COLUMNS.map((c) => `old.${c}`).join(', ')});
     end`,
    `create trigger search_documents_au after update on search_documents begin
       insert into search_fts (search_fts, rowid, ${COLUMNS.join(', ')})
       values ('delete', old.id, ${COLUMNS.map((c) => `old.${c}`).join(', ')});
       insert into search_fts (rowid, ${COLUMNS.join(', ')})
       values (new.id, ${COLUMNS.map((c) => `new.${c}`).join(', ')});
     end`,
  ];
  for (const source of SOURCES) {
    const name = `search_${source.table}`;
    const upsert = `insert into search_documents (${INSERT_COLUMNS})
       values (${documentSelect(source, 'new')})
       on conflict (kind, ref) do update set ${UPSERT_SET};`;
    const remove = `delete from search_documents where kind = '${source.kind}' and ref = old.id;`;
    const indexedNew = source.indexed?.replace(/\br\./g, 'new.');
    statements.push(
      `create trigger ${name}_ai after insert on ${source.table}
       ${indexedNew ? `when ${indexedNew}` : ''} begin ${upsert} end`,
      `create trigger ${name}_ad after delete on ${source.table} begin ${remove} end`,
    );
    if (indexedNew) {
      statements.push(
        `create trigger ${name}_au after update on ${source.table}
         when (${changed(source)}) and ${indexedNew} begin ${upsert} end`,
        `create trigger ${name}_au_gone after update on ${source.table}
         when (${changed(source)}) and not (${indexedNew}) begin ${remove} end`,
      );
    } else {
      statements.push(
        `create trigger ${name}_au after update on ${source.table}
         when ${changed(source)} begin ${upsert} end`,
      );
    }
  }
  await run(db, statements);
}

async function upPostgres(db: Kysely<unknown>): Promise<void> {
  // A tsvector holds at most 1 MB: the first 256 K characters of a giant imported article
  // are indexed rather than its write refused (the API takes 200,000 at most).
  const vector = (column: string, weight: string) =>
    `setweight(to_tsvector('english'::regconfig,
       claimdesk_unaccent(left(coalesce(${column}, ''), ${PG_INDEXED_CHARACTERS}))), '${weight}')`;
  const statements = [
    `create function claimdesk_unaccent(text) returns text
       language sql immutable strict parallel safe
       as $$ select ${await unaccentExpression(db)} $$`,
    `create table search_documents (
       kind text not null,
       ref text not null,
       article_id text not null,
       claim_id text,
       ${COLUMNS.map((column) => `${column} text`).join(', ')},
       document tsvector generated always as (
         ${vector('heading', 'A')} || ${vector('body', 'B')} || ${vector('summary', 'C')} ||
         ${vector('rationale', 'D')} || ${vector('byline', 'D')}) stored,
       primary key (kind, ref))`,
    `create index search_documents_document on search_documents using gin (document)`,
    `create index search_documents_claim on search_documents (claim_id)`,
  ];
  for (const source of SOURCES) {
    const name = `search_${source.table}`;
    const indexedNew = source.indexed?.replace(/\br\./g, 'new.');
    // Update first: an upsert computes the generated tsvector twice (for the row it would
    // insert, then for the update), and the update is the common case.
    const upsert = `update search_documents set ${COLUMNS.map(
      (column) => `${column} = ${source.columns[column].replace(/\br\./g, 'new.')}`,
    ).join(', ')}
         where kind = '${source.kind}' and ref = new.id;
         if not found then
           insert into search_documents (${INSERT_COLUMNS})
           values (${documentSelect(source, 'new')})
           on conflict (kind, ref) do update set ${UPSERT_SET};
         end if;`;
    const remove = `delete from search_documents where kind = '${source.kind}' and ref = old.id;`;
    statements.push(
      `create function ${name}_sync() returns trigger language plpgsql as $$
       begin
         if tg_op = 'DELETE' then
           ${remove}
           return null;
         end if;
         ${
           indexedNew
             ? `if not (${indexedNew}) then
                  delete from search_documents where kind = '${source.kind}' and ref = new.id;
                  return null;
                end if;`
             : ''
         }
         ${upsert}
         return null;
       end $$`,
      `create trigger ${name}_ai after insert on ${source.table} for each row
       execute function ${name}_sync()`,
      `create trigger ${name}_ad after delete on ${source.table} for each row
       execute function ${name}_sync()`,
      `create trigger ${name}_au after update on ${source.table} for each row
       when (${source.watched.map((c) => `old.${c} is distinct from new.${c}`).join(' or ')})
       execute function ${name}_sync()`,
    );
  }
  await run(db, statements);
  await rebuild(db);
}

/** Combining marks (diacritics), as NFD writes them apart from their letter. */
const COMBINING_MARKS =
  '[\\u0300-\\u036f\\u1ab0-\\u1aff\\u1dc0-\\u1dff\\u20d0-\\u20ff\\ufe20-\\ufe2f]';

/**
 * `$1` with accents removed, one character for one (ts_headline's marks on it must fall
 * on the stored text's offsets). Plain ASCII is returned as it is; other text is
 * decomposed, its combining marks dropped and the rest recomposed (what SQLite's
 * remove_diacritics does), about 30 µs for a sentence. A database not in UTF-8 cannot
 * normalize(): translate() of the accented Latin letters instead, twenty times slower.
 */
export async function unaccentExpression(db: Kysely<unknown>): Promise<string> {
  const { rows } = await sql<{ encoding: string }>`
    select current_setting('server_encoding') as encoding`.execute(db);
  if (rows[0]?.encoding !== 'UTF8') {
    const { from, to } = accentFolding();
    return `translate($1, '${from}', '${to}')`;
  }
  return `case when octet_length($1) = char_length($1) then $1
    else normalize(regexp_replace(normalize($1, NFD), '${COMBINING_MARKS}', '', 'g'), NFC) end`;
}

/** Indexes the rows already there. */
async function rebuild(db: Kysely<unknown>): Promise<void> {
  await run(
    db,
    SOURCES.map(
      (source) =>
        `insert into search_documents (${INSERT_COLUMNS})
         select ${documentSelect(source, 'r')} from ${source.table} r
         ${source.indexed ? `where ${source.indexed}` : ''}`,
    ),
  );
}

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await (isPostgres(db) ? upPostgres(db) : upSqlite(db));
  },
};
