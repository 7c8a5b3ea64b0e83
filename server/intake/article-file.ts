/**
 * The `claims/` article file format: validation against its JSON Schema and
 * import into the database. Used on start and (later) by the intake route.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Kysely } from 'kysely';
import type { ArticleFile } from '../../src/domain/article-file';
import type { Database } from '../database/schema';
import { articleExists, insertArticle } from '../repositories/articles';
import { claimIdTaken, insertClaim, recordHistory } from '../repositories/claims';
import { recordEvent } from '../repositories/events';
import { now } from '../repositories/time';
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
    message: string,
    /** JSON Pointer of the offending field. */
    readonly pointer: string,
  ) {
    super(message);
  }
}

/** Checks the schema and what a schema cannot: that quotes sit at their offsets. */
export function parseArticleFile(data: unknown): ArticleFile {
  const errors = validate(data);
  if (errors.length > 0) {
    const first = errors[0];
    throw new ArticleFileError(
      `${first.instancePath || '/'} ${first.message ?? 'is invalid'}`,
      first.instancePath,
    );
  }
  const file = data as ArticleFile;
  const ids = new Set<string>();
  file.claims.forEach((claim, index) => {
    const pointer = `/claims/${index}`;
    if (claim.end <= claim.start || claim.end > file.article.text.length) {
      throw new ArticleFileError(`${pointer}/end lies outside the article text`, `${pointer}/end`);
    }
    if (file.article.text.slice(claim.start, claim.end) !== claim.quote) {
      throw new ArticleFileError(
        `${pointer}/quote does not match the text at its offsets`,
        `${pointer}/quote`,
      );
    }
    if (ids.has(claim.id)) {
      throw new ArticleFileError(`${pointer}/id "${claim.id}" is used twice`, `${pointer}/id`);
    }
    ids.add(claim.id);
  });
  return file;
}

/**
 * Stores an article with its claims in one transaction. Returns false, and
 * changes nothing, when an article with that id already exists: work done on
 * it must survive a restart and a re-import.
 */
export async function importArticle(
  db: Kysely<Database>,
  file: ArticleFile,
  actor: string | null,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if (await articleExists(trx, file.article.id)) {
      return false;
    }
    const at = now();
    await insertArticle(trx, file.article, at, actor);
    for (const claim of file.claims) {
      // Claim ids are global; a clash with another article's claim gets a prefixed id.
      const id = (await claimIdTaken(trx, claim.id)) ? `${file.article.id}-${claim.id}` : claim.id;
      await insertClaim(trx, { ...claim, id, articleId: file.article.id }, at, actor);
      await recordHistory(trx, {
        claimId: id,
        articleId: file.article.id,
        actor: actor ?? 'import',
        action: 'import',
        before: null,
        after: {
          quote: claim.quote,
          statement: claim.statement,
          kind: claim.kind,
          stage: claim.stage,
        },
        at,
      });
    }
    await recordEvent(trx, 'article.created', file.article.id, null, {
      articleId: file.article.id,
    });
    return true;
  });
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
    ((await importArticle(db, file, null)) ? imported : skipped).push(file.article.id);
  }
  return { imported, skipped };
}
