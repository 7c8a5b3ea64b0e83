/**
 * What the search index (migration 0011) reads from each table, and PostgreSQL's trigger
 * function that keeps a table's documents in step, shared by the migrations that
 * rewrite it (0017).
 */
export type Kind = 'article' | 'claim' | 'note' | 'evidence';

export interface Source {
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

export const SOURCES: readonly Source[] = [
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

export const COLUMNS = ['heading', 'body', 'summary', 'rationale', 'byline'] as const;

/** `select 'claim', r.id, … from claims r`, with `r` standing for the row given. */
export function documentSelect(source: Source, row: string): string {
  const values = [
    `'${source.kind}'`,
    'r.id',
    source.articleId,
    source.claimId,
    ...COLUMNS.map((column) => source.columns[column]),
  ].map((value) => value.replace(/\br\./g, `${row}.`));
  return values.join(', ');
}

export const INSERT_COLUMNS = `kind, ref, article_id, claim_id, ${COLUMNS.join(', ')}`;
export const UPSERT_SET = COLUMNS.map((column) => `${column} = excluded.${column}`).join(', ');

/** Migration 0017's function of a search document's tsvector (its columns in COLUMNS' order). */
export const DOCUMENT_FUNCTION = 'claimdesk_search_document';

/**
 * PostgreSQL: `search_<table>_sync() returns trigger …`, the trigger function that keeps
 * the source's search documents in step (to follow `create function` or `create or replace
 * function`). Migration 0017 (`writesDocument`): a new row's document is inserted at once,
 * without first trying the UPDATE that a changed row needs, and the statements write the
 * tsvector themselves (DOCUMENT_FUNCTION) instead of leaving it to a generated column,
 * which PostgreSQL reads and plans anew for every statement that writes the table.
 */
export function syncFunctionBody(
  source: Source,
  { writesDocument }: { writesDocument: boolean },
): string {
  const name = `search_${source.table}`;
  const indexedNew = source.indexed?.replace(/\br\./g, 'new.');
  const newColumns = COLUMNS.map((column) => source.columns[column].replace(/\br\./g, 'new.'));
  const document = writesDocument ? `${DOCUMENT_FUNCTION}(${newColumns.join(', ')})` : '';
  const insert = `insert into search_documents (${INSERT_COLUMNS}${writesDocument ? ', document' : ''})
           values (${documentSelect(source, 'new')}${writesDocument ? `, ${document}` : ''})
           on conflict (kind, ref) do update set ${UPSERT_SET}${
             writesDocument ? ', document = excluded.document' : ''
           };`;
  // Update first: an upsert computes the tsvector twice (for the row it would insert,
  // then for the update), and the update is the common case.
  const upsert = `update search_documents set ${COLUMNS.map(
    (column, index) => `${column} = ${newColumns[index]}`,
  ).join(', ')}${writesDocument ? `, document = ${document}` : ''}
         where kind = '${source.kind}' and ref = new.id;
         if not found then
           ${insert}
         end if;`;
  const remove = `delete from search_documents where kind = '${source.kind}' and ref = old.id;`;
  return `${name}_sync() returns trigger language plpgsql as $$
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
         ${
           writesDocument
             ? `if tg_op = 'INSERT' then
                  ${insert}
                  return null;
                end if;`
             : ''
         }
         ${upsert}
         return null;
       end $$`;
}
