import { ClaimSummary } from '../../domain/claim';
import { BulkItemResult } from '../../domain/desk';
import { Role } from '../../domain/workflow';
import { SessionUser } from '../session/session-api';

/** Shared by the bulk specs (no tests of its own). */
export function claim(id: string, overrides: Partial<ClaimSummary> = {}): ClaimSummary {
  return {
    id,
    articleId: 'a1',
    quote: 'five million shells',
    start: 0,
    end: 19,
    statement: `Statement ${id}`,
    kind: 'figure',
    stage: 'new',
    verdict: null,
    rationale: null,
    assignee: null,
    submittedBy: null,
    dismissReason: null,
    dueAt: null,
    stageSince: '2026-11-27T09:00:00.000Z',
    claimant: null,
    claimantType: 'Person',
    claimDate: null,
    summary: null,
    evidenceCount: 0,
    noteCount: 0,
    repeatOf: null,
    repeatCount: 0,
    version: 1,
    updatedAt: '2026-11-28T10:00:00.000Z',
    updatedBy: null,
    ...overrides,
  };
}

export function user(
  username: string,
  role: Role,
  displayName = username,
  disabled = false,
): SessionUser {
  return { username, displayName, role, disabled, createdAt: '2026-11-01T09:00:00Z' };
}

export function done(id: string, overrides: Partial<ClaimSummary> = {}): BulkItemResult {
  return { id, status: 200, claim: claim(id, { version: 2, ...overrides }) };
}

export function refused(id: string, detail: string, status = 409, code?: string): BulkItemResult {
  return { id, status, problem: { title: 'Conflict', status, detail, code } };
}

/** The server's answer for a claim someone changed after the batch. */
export function changedSince(id: string, who = 'casey', version = 5): BulkItemResult {
  return refused(
    id,
    `${who} changed this claim after the bulk change (it is now version ${version}), so it was left as it is.`,
    409,
    'changed_since',
  );
}
