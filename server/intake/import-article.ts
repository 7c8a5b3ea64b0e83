/**
 * Storing an article file in one transaction: the article, its claims with
 * their evidence, notes and history (as `imported-records.ts` decides by who
 * imports), and its suggestions; nothing of it if any part fails.
 *
 * Ids of claims, evidence and notes are global keys. A copy of an article
 * gets an id of its own (`<id>-copy`, `-copy-2`…) and new ids for every
 * record; an import whose claim ids are taken gets new ones for those alone.
 * A new claim id is `<article>-<id>`, shortened with a hash to the schema's
 * 64 characters; evidence and notes get a UUID.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ArticleFile } from '../../src/domain/article-file';
import type { Role } from '../../src/domain/workflow';
import type { Database } from '../database/schema';
import { insertArticleRecords, takenIds } from '../repositories/article-records';
import { articleExists, insertArticle } from '../repositories/articles';
import type { Db } from '../repositories/claims';
import { type ChangeEvent, recordEvent } from '../repositories/events';
import {
  type NewSuggestion,
  type StoredSuggestion,
  storeDecidedSuggestions,
  storeSuggestions,
} from '../repositories/suggestions';
import { now } from '../repositories/time';
import { findUserByName } from '../repositories/users';
import { type Importer, type ImportMode, recordsOfYielding } from './imported-records';
import { writingMuch } from '../database/large-write';
import { writeTransaction } from '../database/transaction';

export type { Importer, ImportMode } from './imported-records';

const MAX_CLAIM_ID = 64;
const MAX_ARTICLE_ID = 100;
/** From this many claims an import is a large write (database/large-write.ts). */
const LARGE_IMPORT_CLAIMS = 1000;

export interface ImportOptions {
  /** The suggester's findings, for a file that carries no suggestions of its own. */
  readonly suggestions?: readonly NewSuggestion[];
  /** Store the article under a new id with new record ids, beside the one it was exported from. */
  readonly asCopy?: boolean;
}

export interface ImportResult {
  /** `article.created`, to publish once committed. */
  readonly event: ChangeEvent;
  readonly articleId: string;
  readonly mode: ImportMode;
  /** The file's article id when stored as a copy, else null. */
  readonly copyOf: string | null;
  /** Claims whose stage the import set back to `new`. */
  readonly claimsReset: number;
  /** Claims stored under a new id. */
  readonly claimsRenamed: number;
  readonly suggestions: number;
}

/** Who may keep a file's stages and history: an admin restoring a file as it is. */
export function importModeOf(importer: Importer | null, asCopy = false): ImportMode {
  if (!importer) {
    return 'trusted';
  }
  return importer.role === 'admin' && !asCopy ? 'restore' : 'import';
}

/** `<base>-<suffix>` within `max` characters, lower-case slug groups kept whole. */
function fitted(base: string, suffix: string, max: number): string {
  const full = `${base}-${suffix}`;
  if (full.length <= max) {
    return full;
  }
  // Cut, and say what was cut by a hash of the whole, so that two long ids stay apart.
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  return `${full.slice(0, max - hash.length - 1).replace(/-+$/, '')}-${hash}`;
}

async function freeCopyId(trx: Db, id: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = fitted(id, n === 1 ? 'copy' : `copy-${n}`, MAX_ARTICLE_ID);
    if (!(await articleExists(trx, candidate))) {
      return candidate;
    }
  }
}

/** New claim ids for `ids`, free in the database and among `keep` (the file's ids that stay). */
async function newClaimIds(
  trx: Db,
  articleId: string,
  ids: readonly string[],
  keep: ReadonlySet<string>,
): Promise<Map<string, string>> {
  const assigned = new Map<string, string>();
  const used = new Set(keep);
  let pending = [...ids];
  for (let n = 1; pending.length > 0; n++) {
    const candidates = new Map(
      pending.map((id) => [id, fitted(articleId, n === 1 ? id : `${id}-${n}`, MAX_CLAIM_ID)]),
    );
    const taken = await takenIds(trx, 'claims', [...candidates.values()]);
    pending = [];
    for (const [id, candidate] of candidates) {
      if (taken.has(candidate) || used.has(candidate)) {
        pending.push(id);
      } else {
        used.add(candidate);
        assigned.set(id, candidate);
      }
    }
  }
  return assigned;
}

async function newUuids(
  trx: Db,
  table: 'evidence' | 'notes',
  ids: readonly string[],
  all: boolean,
): Promise<Map<string, string>> {
  const renamed = all ? new Set(ids) : await takenIds(trx, table, ids);
  return new Map([...renamed].map((id) => [id, randomUUID()]));
}

/** The file's suggestions as stored: claims renamed, decisions the importer's unless restored. */
function suggestionsOf(
  file: ArticleFile,
  claimIds: ReadonlyMap<string, string>,
  mode: ImportMode,
  importer: Importer | null,
  at: string,
): StoredSuggestion[] {
  return (file.suggestions ?? []).map((s) => {
    // An accepted suggestion whose claim the file does not hold (a filtered report) is open again.
    const status = s.status === 'accepted' && s.claimId === null ? 'open' : s.status;
    const decided = status !== 'open';
    const decidedBy = mode === 'import' && importer ? importer.username : s.decidedBy;
    return {
      ...s,
      status,
      claimId: s.claimId === null ? null : (claimIds.get(s.claimId) ?? s.claimId),
      decidedBy: decided ? decidedBy : null,
      decidedAt: decided ? (mode === 'import' ? at : s.decidedAt) : null,
    };
  });
}

async function rolesOf(trx: Db, file: ArticleFile): Promise<Map<string, Role>> {
  const authors = new Set(
    file.claims.flatMap((c) => c.notes.filter((n) => !n.authorRole).map((n) => n.author)),
  );
  const roles = new Map<string, Role>();
  for (const author of authors) {
    const role = (await findUserByName(trx, author))?.role;
    if (role) {
      roles.set(author, role);
    }
  }
  return roles;
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * Stores the article with everything it holds and returns what was done,
 * with its `article.created` event to publish once committed. Returns null,
 * and changes nothing, when an article with that id already exists (never
 * for a copy): work done on it must survive a restart and a re-import.
 */
export async function importArticle(
  db: Kysely<Database>,
  file: ArticleFile,
  importer: Importer | null,
  options: ImportOptions = {},
): Promise<ImportResult | null> {
  const mode = importModeOf(importer, options.asCopy);
  const asCopy = options.asCopy === true;
  // A file of many claims writes megabytes: without a stall at its COMMIT (large-write.ts).
  const large = file.claims.length >= LARGE_IMPORT_CLAIMS;
  return writeTransaction(db, (trx) => (large ? writingMuch(trx, () => store(trx)) : store(trx)));
  async function store(trx: Db): Promise<ImportResult | null> {
    const articleId = asCopy ? await freeCopyId(trx, file.article.id) : file.article.id;
    if (await articleExists(trx, articleId)) {
      return null;
    }
    const at = now();
    const fileClaimIds = file.claims.map((c) => c.id);
    const renamedClaims = asCopy
      ? fileClaimIds
      : [...(await takenIds(trx, 'claims', fileClaimIds))];
    const renamedSet = new Set(renamedClaims);
    const claimIds = await newClaimIds(
      trx,
      articleId,
      renamedClaims,
      new Set(fileClaimIds.filter((id) => !renamedSet.has(id))),
    );
    const evidence = file.claims.flatMap((c) => c.evidence.map((e) => e.id));
    const notes = file.claims.flatMap((c) => c.notes.map((n) => n.id));
    const context = {
      mode,
      importer,
      at,
      articleId,
      claimIds,
      evidenceIds: await newUuids(trx, 'evidence', evidence, asCopy),
      noteIds: await newUuids(trx, 'notes', notes, asCopy),
      roles: mode === 'import' ? new Map<string, Role>() : await rolesOf(trx, file),
    };
    const { article } = file;
    await insertArticle(
      trx,
      {
        ...article,
        id: articleId,
        headline: oneLine(article.headline),
        outlet: article.outlet === null ? null : oneLine(article.outlet) || null,
      },
      mode === 'import' ? at : (article.createdAt ?? at),
      mode === 'import' || article.createdBy === undefined
        ? (importer?.username ?? null)
        : article.createdBy,
    );
    await insertArticleRecords(trx, await recordsOfYielding(file, context));
    const suggestions = file.suggestions
      ? suggestionsOf(file, claimIds, mode, importer, at)
      : undefined;
    if (suggestions) {
      await storeDecidedSuggestions(trx, articleId, suggestions, at);
    } else if (options.suggestions) {
      await storeSuggestions(trx, articleId, options.suggestions, at);
    }
    const event = await recordEvent(trx, 'article.created', articleId, null, { articleId });
    return {
      event,
      articleId,
      mode,
      copyOf: asCopy ? file.article.id : null,
      claimsReset:
        mode === 'import' ? file.claims.filter((c) => c.stage !== 'new' || c.assignee).length : 0,
      claimsRenamed: claimIds.size,
      suggestions: suggestions?.length ?? options.suggestions?.length ?? 0,
    };
  }
}
