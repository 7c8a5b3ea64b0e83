/** Helpers of the notification tests: a desk with Cora and a disabled editor, and inbox reads. */
import assert from 'node:assert/strict';
import type { ClaimSummary } from '../../src/domain/claim';
import type { Notification, NotificationPage } from '../../src/domain/notifications';
import type { Stage } from '../../src/domain/workflow';
import { updateUser } from '../repositories/users';
import { after, before, beforeEach } from 'node:test';
import { type Harness, json, seedClaims, startApp, withCast } from './harness';

/**
 * The standard cast (casey, robin: fact-checkers; dana, eli: editors; ada: admin),
 * Cora (fact-checker) and Ben (an editor whose account is disabled).
 */
export async function withNotificationCast(h: Harness): Promise<void> {
  await withCast(h);
  await h.addUser('cora', 'fact_checker');
  await h.addUser('ben', 'editor');
  await updateUser(h.app.db, 'ben', { disabled: true });
}

export const EVERYONE = ['casey', 'robin', 'dana', 'eli', 'ada', 'cora', 'ben'] as const;

export interface NotificationDesk {
  /** The app, once the block's `before` has run. */
  readonly h: Harness;
  /** The seed article's claims. */
  readonly claims: readonly ClaimSummary[];
  /** A claim of the seed article no earlier test of the block has taken. */
  freshClaim(): string;
}

/**
 * The app a describe block of the notification tests runs on: started with the
 * notification cast before its tests, closed after them, every notification forgotten
 * before each test (so that each counts its own). Call it in the block's body.
 */
export function notificationDesk(): NotificationDesk {
  let h: Harness | undefined;
  let claims: ClaimSummary[] = [];
  let next = 0;
  before(async () => {
    h = await startApp();
    await withNotificationCast(h);
    claims = await seedClaims(h);
  });
  after(() => h?.close());
  beforeEach(() => clearNotifications(desk.h));
  const desk: NotificationDesk = {
    get h() {
      if (!h) throw new Error('the desk starts in the describe block’s before hook');
      return h;
    },
    get claims() {
      return claims;
    },
    freshClaim: () => claims[next++].id,
  };
  return desk;
}

/** Everyone's inbox read straight from the database (Ben cannot sign in). */
export async function inboxes(h: Harness): Promise<Record<string, string[]>> {
  const rows = await h.app.db
    .selectFrom('notifications')
    .select(['recipient', 'kind'])
    .orderBy('id')
    .execute();
  const byPerson: Record<string, string[]> = {};
  for (const row of rows) {
    (byPerson[row.recipient] ??= []).push(row.kind);
  }
  return byPerson;
}

/** The inbox of `username` as the API answers it. */
export async function inboxOf(h: Harness, username: string, query = ''): Promise<NotificationPage> {
  const response = await h.as(username, { url: `/api/notifications${query}` });
  assert.equal(response.statusCode, 200, response.body);
  return json<NotificationPage>(response);
}

export async function latestOf(h: Harness, username: string): Promise<Notification> {
  const page = await inboxOf(h, username, '?limit=1');
  assert.ok(page.items[0], `${username} has a notification`);
  return page.items[0];
}

/**
 * Puts a claim at `stage` with a finding (a verdict and its rationale), held by
 * `assignee` and, from review on, submitted by `submittedBy`.
 */
export function withFinding(
  h: Harness,
  claimId: string,
  stage: Stage,
  people: { readonly assignee: string; readonly submittedBy?: string },
): Promise<void> {
  return h.setStage(claimId, stage, {
    assignee: people.assignee,
    ...(people.submittedBy === undefined ? {} : { submitted_by: people.submittedBy }),
    verdict: 'unproven',
    rationale: 'Nobody can tell yet.',
  });
}

/** Forgets every notification, so that each test counts its own. */
export async function clearNotifications(h: Harness): Promise<void> {
  await h.app.db.deleteFrom('notifications').execute();
}

export async function transition(
  h: Harness,
  username: string,
  claimId: string,
  payload: Record<string, unknown>,
): Promise<void> {
  const response = await h.as(username, {
    method: 'POST',
    url: `/api/claims/${claimId}/transitions`,
    payload,
  });
  assert.equal(response.statusCode, 200, response.body);
}

export async function patchClaim(
  h: Harness,
  username: string,
  claimId: string,
  payload: Record<string, unknown>,
): Promise<ClaimSummary> {
  const current = json<ClaimSummary>(await h.as(username, { url: `/api/claims/${claimId}` }));
  const response = await h.as(username, {
    method: 'PATCH',
    url: `/api/claims/${claimId}`,
    headers: { 'if-match': `"${current.version}"` },
    payload,
  });
  assert.equal(response.statusCode, 200, response.body);
  return json<ClaimSummary>(response);
}
