/**
 * The `claims/` article file format: validation against its JSON Schema and
 * import into the database. Used on start and by `POST /api/articles`; what a
 * JSON report adds (timestamps, approvals, tombstones, history) is restored as
 * it was, so that exporting and importing back loses nothing.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Kysely } from 'kysely';
import type { ArticleFile, ArticleFileClaim } from '../../src/domain/article-file';
import type { Role } from '../../src/domain/workflow';
import type { Database } from '../database/schema';
import { articleExists, insertArticle } from '../repositories/articles';
import { type Db, insertClaim, recordHistory, recordIdTaken } from '../repositories/claims';
import { type ChangeEvent, recordEvent } from '../repositories/events';
import { insertEvidence } from '../repositories/evidence';
import { insertNote, tombstoneNote } from '../repositories/notes';
import { type NewSuggestion, storeSuggestions } from '../repositories/suggestions';
import { now } from '../repositories/time';
import { findUserByName } from '../repositories/users';
import { suggestClaims } from '../suggestions/suggester';
import { PROJECT_ROOT } from '../config';

export type { ArticleFile } from '../../src/domain/article-file';

const SCHEMA_FILE = 'article.schema.json';

let validator: (((data: unknown) => boolean) & { errors?: ErrorObject[] | null }) | undefined;

function validate(data: unknown): ErrorObject[] {
  if (!validator) {
    const schema = JSON.parse(
      readFileSync(join(PROJECT_ROOT, 'claims', SCHEMA_FILE), 'utf8'),
    ) as Record<string, unknown>;
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    validator = ajv.compile(schema);
  }
  return validator(data) ? [] : (validator.errors ?? []);
}

export class ArticleFileError extends Error {
  constructor(
    /** What is wrong, without the field: "must be an http:// or https:// link". */
    readonly reason: string,
    /** JSON Pointer of the offending field. */
    readonly pointer: string,
  ) {
    super(`${pointer || '/'} ${reason}`);
  }
}

/** Errors that only sum up others (anyOf, if/else) or say "must be null" beside the real one. */
function isSummary(error: ErrorObject, all: readonly ErrorObject[]): boolean {
  if (['anyOf', 'oneOf', 'if'].includes(error.keyword)) {
    return true;
  }
  return (
    error.keyword === 'type' &&
    error.params['type'] === 'null' &&
    all.some((other) => other !== error && other.instancePath === error.instancePath)
  );
}

/** A property name as a JSON Pointer segment (RFC 6901). */
const segment = (name: string) => name.replace(/~/g, '~0').replace(/\//g, '~1');

function explain(error: ErrorObject): { reason: string; pointer: string } {
  const missing = error.params['missingProperty'];
  const extra = error.params['additionalProperty'];
  if (typeof missing === 'string') {
    return { reason: 'is required', pointer: `${error.instancePath}/${segment(missing)}` };
  }
  if (typeof extra === 'string') {
    return { reason: 'is not a known field', pointer: `${error.instancePath}/${segment(extra)}` };
  }
  const pattern = String(error.params['pattern'] ?? '');
  const reason =
    error.keyword === 'pattern' && pattern.includes('[Hh][Tt][Tt][Pp]')
      ? 'must be an http:// or https:// link'
      : error.keyword === 'enum' && Array.isArray(error.params['allowedValues'])
        ? `must be one of: ${(error.params['allowedValues'] as unknown[]).map(String).join(', ')}`
        : (error.message ?? 'is invalid');
  return { reason, pointer: error.instancePath };
}

/**
 * Checks the schema and what a schema cannot: that quotes sit at their
 * offsets, that headings are whole lines of the text, that claim ids are unique.
 * Throws an ArticleFileError naming the field by its JSON Pointer.
 */
export function parseArticleFile(data: unknown): ArticleFile {
  const errors = validate(data);
  if (errors.length > 0) {
    const { reason, pointer } = explain(errors.find((e) => !isSummary(e, errors)) ?? errors[0]);
    throw new ArticleFileError(reason, pointer);
  }
  const file = data as ArticleFile;
  const text = file.article.text;
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    lineStarts.push(i + 1);
  }
  file.article.headings.forEach((heading, index) => {
    const pointer = `/article/headings/${index}`;
    const lineEnd = (lineStarts[heading.line + 1] ?? text.length + 1) - 1;
    if (lineStarts[heading.line] !== heading.start || lineEnd !== heading.end) {
      throw new ArticleFileError(`is not line ${heading.line} of the text`, pointer);
    }
    if (text.slice(heading.start, heading.end) !== heading.text) {
      throw new ArticleFileError('does not match the text at its offsets', `${pointer}/text`);
    }
  });
  const ids = new Set<string>();
  file.claims.forEach((claim, index) => {
    const pointer = `/claims/${index}`;
    if (claim.end <= claim.start || claim.end > text.length) {
      throw new ArticleFileError('lies outside the article text', `${pointer}/end`);
    }
    if (text.slice(claim.start, claim.end) !== claim.quote) {
      throw new ArticleFileError('does not match the text at its offsets', `${pointer}/quote`);
    }
    if (ids.has(claim.id)) {
      throw new ArticleFileError(`"${claim.id}" is used twice`, `${pointer}/id`);
    }
    ids.add(claim.id);
  });
  return file;
}

/**
 * `id` if no row of `table` has it yet: ids are global keys, and a copy of an
 * article reuses them. A claim then gets `<article>-<id>`, evidence and notes
 * (whose ids are addressed on their own) a new UUID.
 */
async function freeId(
  db: Db,
  table: 'claims' | 'evidence' | 'notes',
  id: string,
  articleId: string,
): Promise<string> {
  if (!(await recordIdTaken(db, table, id))) {
    return id;
  }
  const prefixed = `${articleId}-${id}`;
  return table === 'claims' && !(await recordIdTaken(db, table, prefixed))
    ? prefixed
    : randomUUID();
}

/** A claim with its evidence, notes and history, as the file gives them. */
async function importClaim(
  trx: Db,
  articleId: string,
  claim: ArticleFileClaim,
  at: string,
  actor: string | null,
): Promise<void> {
  const id = await freeId(trx, 'claims', claim.id, articleId);
  await insertClaim(trx, { ...claim, id, articleId }, at, actor);
  for (const evidence of claim.evidence) {
    await insertEvidence(trx, {
      id: await freeId(trx, 'evidence', evidence.id, articleId),
      claimId: id,
      url: evidence.url,
      title: evidence.title,
      publisher: evidence.publisher,
      stance: evidence.stance,
      sourceType: evidence.sourceType,
      quote: evidence.quote ?? null,
      archivedUrl: evidence.archivedUrl ?? null,
      accessedAt: evidence.accessedAt ?? null,
      createdAt: evidence.createdAt ?? at,
      createdBy: evidence.createdBy ?? actor ?? 'import',
    });
  }
  for (const note of claim.notes) {
    const noteId = await freeId(trx, 'notes', note.id, articleId);
    // A hand-written note names no role: the author's account says it, else the least one.
    const authorRole: Role =
      note.authorRole ?? (await findUserByName(trx, note.author))?.role ?? 'fact_checker';
    await insertNote(trx, {
      id: noteId,
      claimId: id,
      author: note.author,
      authorRole,
      text: note.text,
      createdAt: note.createdAt,
      deletedAt: null,
      deletedBy: null,
    });
    if (note.deletedAt) {
      await tombstoneNote(trx, noteId, note.deletedBy ?? note.author, note.deletedAt);
    }
  }
  const history = claim.history ?? [
    {
      at,
      actor: actor ?? 'import',
      action: 'import',
      before: null,
      after: {
        quote: claim.quote,
        statement: claim.statement,
        kind: claim.kind,
        stage: claim.stage,
      },
      note: null,
      correction: false,
    },
  ];
  for (const entry of history) {
    await recordHistory(trx, { ...entry, claimId: id, articleId });
  }
}

export interface ImportOptions {
  /** The suggester's findings for the text, stored with the article. */
  readonly suggestions?: readonly NewSuggestion[];
}

/**
 * Stores an article with its claims, their evidence, notes and history in one
 * transaction, and returns its `article.created` event to publish once
 * committed. Returns null, and changes nothing, when an article with that id
 * already exists: work done on it must survive a restart and a re-import.
 */
export async function importArticle(
  db: Kysely<Database>,
  file: ArticleFile,
  actor: string | null,
  options: ImportOptions = {},
): Promise<ChangeEvent | null> {
  return db.transaction().execute(async (trx) => {
    if (await articleExists(trx, file.article.id)) {
      return null;
    }
    const at = now();
    const { createdAt, createdBy } = file.article;
    await insertArticle(
      trx,
      file.article,
      createdAt ?? at,
      createdBy !== undefined ? createdBy : actor,
    );
    for (const claim of file.claims) {
      await importClaim(trx, file.article.id, claim, at, actor);
    }
    if (options.suggestions) {
      await storeSuggestions(trx, file.article.id, options.suggestions, at);
    }
    return recordEvent(trx, 'article.created', file.article.id, null, {
      articleId: file.article.id,
    });
  });
}

/**
 * Runs the suggester on the article's text (before the transaction: it takes
 * a while on a long text), then imports the article with its suggestions.
 */
export async function importArticleWithSuggestions(
  db: Kysely<Database>,
  file: ArticleFile,
  actor: string | null,
): Promise<ChangeEvent | null> {
  const suggestions = await suggestClaims(
    file.article.text,
    file.article.headings,
    file.article.language,
  );
  return importArticle(db, file, actor, { suggestions });
}

/** Imports every article file in `dir` that the database does not have yet. */
export async function importClaimsDirectory(
  db: Kysely<Database>,
  dir: string,
): Promise<{ imported: string[]; skipped: string[] }> {
  const imported: string[] = [];
  const skipped: string[] = [];
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.json') && name !== SCHEMA_FILE)
    .sort();
  for (const name of files) {
    let file: ArticleFile;
    try {
      file = parseArticleFile(JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown);
    } catch (error) {
      throw new Error(`claims/${name}: ${(error as Error).message}`, { cause: error });
    }
    // Checked first so that a restart does not run the suggester on articles it has.
    const isNew =
      !(await articleExists(db, file.article.id)) &&
      (await importArticleWithSuggestions(db, file, null)) !== null;
    (isNew ? imported : skipped).push(file.article.id);
  }
  return { imported, skipped };
}
