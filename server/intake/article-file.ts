/**
 * The `claims/` article file format: validation against its JSON Schema and
 * what a schema cannot check. Used on start (`importClaimsDirectory`) and by
 * `POST /api/articles`; the import itself is in `import-article.ts`.
 *
 * A file of 20,000 claims takes a few hundred milliseconds to validate, so the
 * claims are validated in slices that let other requests run in between.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { schemaRuleWording } from '../../src/domain/problem-wording';
import type { Kysely } from 'kysely';
import { type ArticleFile, MAX_CLAIMS_PER_ARTICLE } from '../../src/domain/article-file';
import { isWebUrl } from '../../src/domain/claim';
import type { Database } from '../database/schema';
import { articleExists } from '../repositories/articles';
import { suggestClaims } from '../suggestions/suggester';
import { PROJECT_ROOT } from '../config';
import {
  type ImportOptions,
  type ImportResult,
  importArticle,
  type Importer,
} from './import-article';

export type { ArticleFile } from '../../src/domain/article-file';
export { importArticle } from './import-article';
export type { ImportOptions, ImportResult, Importer } from './import-article';

const SCHEMA_FILE = 'article.schema.json';
/** Longest stretch of validation before other requests may run. */
const SLICE_MS = 15;

let validators: { file: ValidateFunction; claim: ValidateFunction } | undefined;

function compiled() {
  if (!validators) {
    const schema = JSON.parse(
      readFileSync(join(PROJECT_ROOT, 'claims', SCHEMA_FILE), 'utf8'),
    ) as Record<string, unknown>;
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    ajv.addSchema(schema, 'article');
    validators = {
      file: ajv.getSchema('article') as ValidateFunction,
      claim: ajv.getSchema('article#/$defs/claim') as ValidateFunction,
    };
  }
  return validators;
}

/** Compiles the schema now (about a second on a busy machine) rather than on the first import. */
export function prepareArticleValidation(): void {
  compiled();
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

function explain(error: ErrorObject, base: string): ArticleFileError {
  const missing = error.params['missingProperty'];
  const extra = error.params['additionalProperty'];
  const at = `${base}${error.instancePath}`;
  if (typeof missing === 'string') {
    return new ArticleFileError('is required', `${at}/${segment(missing)}`);
  }
  if (typeof extra === 'string') {
    return new ArticleFileError('is not a known field', `${at}/${segment(extra)}`);
  }
  const pattern = String(error.params['pattern'] ?? '');
  const reason =
    error.keyword === 'pattern' && pattern.includes('[Hh][Tt][Tt][Pp]')
      ? 'must be an http:// or https:// link'
      : error.keyword === 'pattern' && pattern.includes('\\u0000-\\u0008')
        ? 'must not contain control characters (tab and line breaks aside) or lone surrogates'
        : // Every other check in the plain words of src/domain/problem-wording.ts.
          schemaRuleWording(error);
  return new ArticleFileError(reason, at);
}

function check(validate: ValidateFunction, data: unknown, base: string): void {
  if (!validate(data)) {
    const errors = validate.errors ?? [];
    throw explain(errors.find((e) => !isSummary(e, errors)) ?? errors[0], base);
  }
}

/** The file without its claims, for the schema (the claims are checked one by one). */
function shell(data: unknown): { shell: unknown; claims: unknown[] | null } {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { shell: data, claims: null };
  }
  const { claims, ...rest } = data as Record<string, unknown>;
  if (!Array.isArray(claims)) {
    return { shell: data, claims: null };
  }
  if (claims.length > MAX_CLAIMS_PER_ARTICLE) {
    throw new ArticleFileError(
      `must hold at most ${MAX_CLAIMS_PER_ARTICLE.toLocaleString('en-US')} claims, not ${claims.length.toLocaleString('en-US')}`,
      '/claims',
    );
  }
  return { shell: { ...rest, claims: [] }, claims };
}

const BAD_LINK = 'must be an http:// or https:// link with a valid host name';

/**
 * The links, by the rule the API and the dashboard use: `format: uri` lets
 * through what a browser cannot open (`http://a:99999/`, white space, `http://./`).
 * On data the schema has passed.
 */
function checkLink(value: unknown, pointer: string): void {
  if (typeof value === 'string' && !isWebUrl(value)) {
    throw new ArticleFileError(BAD_LINK, pointer);
  }
}

function checkArticleLink(shell: unknown): void {
  checkLink((shell as { article: { url: unknown } }).article.url, '/article/url');
}

function checkClaimLinks(claim: unknown, base: string): void {
  (claim as { evidence: readonly Record<string, unknown>[] }).evidence.forEach((item, index) => {
    checkLink(item['url'], `${base}/evidence/${index}/url`);
    checkLink(item['archivedUrl'], `${base}/evidence/${index}/archivedUrl`);
  });
}

/** What a schema cannot check: quotes at their offsets, headings as whole lines, unique ids. */
function checkOffsets(file: ArticleFile): void {
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
  (file.suggestions ?? []).forEach((suggestion, index) => {
    const pointer = `/suggestions/${index}`;
    if (suggestion.end <= suggestion.start || suggestion.end > text.length) {
      throw new ArticleFileError('lies outside the article text', `${pointer}/end`);
    }
    if (text.slice(suggestion.start, suggestion.end) !== suggestion.quote) {
      throw new ArticleFileError('does not match the text at its offsets', `${pointer}/quote`);
    }
    if (suggestion.claimId !== null && !ids.has(suggestion.claimId)) {
      throw new ArticleFileError('is not a claim of this file', `${pointer}/claimId`);
    }
  });
}

/**
 * Checks the schema and what a schema cannot (see `checkOffsets`). Throws an
 * ArticleFileError naming the field by its JSON Pointer. Synchronous: for the
 * files of `claims/` at start-up.
 */
export function parseArticleFile(data: unknown): ArticleFile {
  const { file, claim } = compiled();
  const parts = shell(data);
  check(file, parts.shell, '');
  checkArticleLink(parts.shell);
  (parts.claims ?? []).forEach((item, index) => {
    check(claim, item, `/claims/${index}`);
    checkClaimLinks(item, `/claims/${index}`);
  });
  checkOffsets(data as ArticleFile);
  return data as ArticleFile;
}

/** `parseArticleFile`, letting other requests run every few milliseconds of a large file. */
export async function parseArticleFileYielding(data: unknown): Promise<ArticleFile> {
  const { file, claim } = compiled();
  const parts = shell(data);
  check(file, parts.shell, '');
  checkArticleLink(parts.shell);
  let sliceStart = performance.now();
  for (const [index, item] of (parts.claims ?? []).entries()) {
    check(claim, item, `/claims/${index}`);
    checkClaimLinks(item, `/claims/${index}`);
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
  checkOffsets(data as ArticleFile);
  return data as ArticleFile;
}

/**
 * Imports the article with its suggestions: those the file carries (a JSON
 * report), or else the suggester's (run before the transaction: it takes a
 * while on a long text).
 */
export async function importArticleWithSuggestions(
  db: Kysely<Database>,
  file: ArticleFile,
  importer: Importer | null,
  options: Omit<ImportOptions, 'suggestions'> = {},
): Promise<ImportResult | null> {
  const suggestions = file.suggestions
    ? undefined
    : await suggestClaims(file.article.text, file.article.headings, file.article.language);
  return importArticle(db, file, importer, { ...options, suggestions });
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
