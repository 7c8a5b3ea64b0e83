/**
 * PostgreSQL: the commonest PATCH (fields of the claim itself, no new assignee) as ONE
 * statement with no read before it, as a note already is (claim-writes.ts).
 *
 * The statement reads the claim and writes the change, its history entry and its
 * `claim.updated` event (the claim as it then stands, as JSON built by the statement,
 * claim-summary-json.ts) only when every check the usual path makes holds in that one
 * snapshot: the claim is there at the version the client saw, its article is not
 * archived, its stage is one where the person may change every field sent
 * (`canEditField`, asked here per stage, so the rule keeps its one home in src/domain),
 * and every field sent differs from what is stored (the usual path leaves unchanged
 * fields out of the change and its history). Otherwise it writes nothing and answers
 * undefined; the caller then takes the usual path (the claim read, then the write),
 * which tells which check failed or writes the fields that did change.
 *
 * The history's `before` holds the values of the row the UPDATE changed: the history
 * and the event are written from the UPDATE's own RETURNING, so a concurrent change
 * committed between the snapshot and the row lock (the version then moved on and the
 * UPDATE skips the row) writes neither.
 */
import { type RawBuilder, sql } from 'kysely';
import type { ClaimSummary } from '../../src/domain/claim';
import type { ClaimPatch } from '../../src/domain/requests';
import { type Actor, canEditField, STAGES, type Stage } from '../../src/domain/workflow';
import { isPostgres } from '../database/engine';
import { queryTemplates } from '../database/query-template';
import { claimEventPayloadSql } from './claim-summary-json';
import type { Changed } from './claim-guards';
import { type PatchField, storedValue } from './claim-patch-values';
import { CLAIM_SUMMARY_COLUMNS, type Db } from './claims';
import type { ChangeEvent } from './events';
import { now } from './time';

/** The PATCH fields this statement writes (all but the assignee), with their columns. */
export const STATEMENT_PATCH_COLUMNS = {
  statement: 'statement',
  kind: 'kind',
  verdict: 'verdict',
  rationale: 'rationale',
  dueAt: 'due_at',
  claimant: 'claimant',
  claimantType: 'claimant_type',
  claimDate: 'claim_date',
  summary: 'summary',
} as const satisfies Partial<Record<keyof ClaimPatch, string>>;

export type StatementPatchField = keyof typeof STATEMENT_PATCH_COLUMNS;

/** `{"field":value,…}` of the claim `c`'s stored values, as JSON.stringify writes it. */
function storedValuesJson(fields: readonly StatementPatchField[]): RawBuilder<string> {
  const parts = fields.map((field, index) => {
    const key = `${index === 0 ? '{' : ','}${JSON.stringify(field)}:`;
    return `'${key}' || coalesce(to_json(c.${STATEMENT_PATCH_COLUMNS[field]})::text, 'null')`;
  });
  return sql.raw<string>(`(${parts.join(' || ')} || '}')`);
}

const patchCheckedStatement = queryTemplates(
  (fields: readonly StatementPatchField[]) => fields.join(','),
  (_db, values: Record<string, unknown>, fields) => {
    const value = (field: StatementPatchField) => values[`p_${field}`];
    const column = (field: StatementPatchField) => sql.ref(STATEMENT_PATCH_COLUMNS[field]);
    const differs = fields.map(
      (field) => sql`and c.${column(field)} is distinct from ${value(field)}`,
    );
    const sets = fields.map((field) => sql`${column(field)} = ${value(field)}`);
    // The columns the event's claim is built from (claim-summary-json.ts).
    const returned = CLAIM_SUMMARY_COLUMNS.map((name) => sql.ref(name));
    return sql<{ id: number; payload: string }>`with target as (
        select c.id, ${storedValuesJson(fields)} as before
        from claims c join articles a on a.id = c.article_id
        where c.id = ${values['id']} and c.version = ${values['version']} and a.archived = 0
          and c.stage = any(cast(${values['stages']} as text[]))
          ${sql.join(differs, sql` `)}
      ),
      saved as (
        update claims set ${sql.join(sets)}, version = claims.version + 1,
          updated_at = ${values['at']}, updated_by = ${values['actor']}
        from target
        where claims.id = target.id and claims.version = ${values['version']}
        returning ${sql.join(returned)}, target.before
      ),
      logged as (
        insert into history (claim_id, article_id, at, actor, action, before, after, note, correction)
        select saved.id, saved.article_id, ${values['at']}, ${values['actor']}, 'update',
          saved.before, ${values['after']}, null, 0
        from saved
      )
      insert into events (at, type, article_id, claim_id, payload)
      select ${values['at']}, 'claim.updated', c.article_id, c.id, ${claimEventPayloadSql(0)}
      from saved c
      returning id, payload`;
  },
);

/** The stages in which `actor` may change every one of `fields`, by the shared edit rules. */
function stagesOpenTo(actor: Actor, fields: readonly StatementPatchField[]): Stage[] {
  return STAGES.filter((stage) =>
    fields.every((field) => canEditField({ stage }, actor, field).allowed),
  );
}

/**
 * Writes `stored` (field → value as stored, every field of the PATCH) to the claim in one
 * statement when all the checks above hold; the claim as it now stands and its event, or
 * undefined with nothing written. Always undefined on SQLite, whose usual path costs no
 * round trips (it runs in this process).
 */
export async function patchClaimChecked(
  db: Db,
  id: string,
  expectedVersion: number,
  stored: ReadonlyMap<StatementPatchField, unknown>,
  actor: Actor,
): Promise<{ value: ClaimSummary; event: ChangeEvent } | undefined> {
  // One order of fields, so that a set of fields is one template however the PATCH lists them.
  if (!isPostgres(db)) {
    return undefined;
  }
  const fields = (Object.keys(STATEMENT_PATCH_COLUMNS) as StatementPatchField[]).filter((field) =>
    stored.has(field),
  );
  const stages = stagesOpenTo(actor, fields);
  if (fields.length === 0 || stages.length === 0) {
    return undefined;
  }
  const after: Record<string, unknown> = {};
  const values: Record<string, unknown> = {
    id,
    version: expectedVersion,
    stages,
    at: now(),
    actor: actor.username,
  };
  for (const field of fields) {
    after[field] = stored.get(field);
    values[`p_${field}`] = stored.get(field);
  }
  values['after'] = JSON.stringify(after);
  const { rows } = await patchCheckedStatement(db, fields, values);
  const written = rows[0];
  if (!written) {
    return undefined;
  }
  const data = JSON.parse(written.payload) as { claim: ClaimSummary };
  return {
    value: data.claim,
    event: {
      id: written.id,
      at: values['at'] as string,
      type: 'claim.updated',
      articleId: data.claim.articleId,
      claimId: id,
      data,
    },
  };
}

/**
 * `patchClaim`'s PATCH (no new assignee) as one statement when its checks hold; undefined,
 * with nothing written, when they do not or on SQLite: `patchClaimIn` then reads the claim
 * and says which check failed, or writes the fields that changed.
 */
export async function patchClaimInOneStatement(
  db: Db,
  id: string,
  expectedVersion: number,
  patch: ClaimPatch,
  actor: Actor,
): Promise<Changed<ClaimSummary> | undefined> {
  if (!isPostgres(db)) {
    return undefined;
  }
  const stored = new Map<StatementPatchField, unknown>();
  for (const field of Object.keys(patch) as PatchField[]) {
    if (!(field in STATEMENT_PATCH_COLUMNS)) {
      return undefined;
    }
    let value: unknown;
    try {
      value = storedValue(field, patch[field]);
    } catch {
      // Refused by the usual path, after the checks that come first there (404, 409, 412).
      return undefined;
    }
    stored.set(field as StatementPatchField, value);
  }
  const written = await patchClaimChecked(db, id, expectedVersion, stored, actor);
  return written ? { value: written.value, events: [written.event] } : undefined;
}
