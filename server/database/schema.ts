/** Kysely table types: the database as the repositories see it. */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { Verdict } from '../../src/domain/verdicts';
import type { Stage } from '../../src/domain/workflow';

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  disabled: number;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  /** SHA-256 of the cookie token: a stolen database does not yield live sessions. */
  token_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
}

export interface SetupTokensTable {
  token_hash: string;
  created_at: string;
  used_at: string | null;
}

export interface ArticlesTable {
  id: string;
  headline: string;
  outlet: string | null;
  url: string | null;
  published_at: string | null;
  language: string;
  text: string;
  /** JSON array of headings. */
  headings: string;
  created_at: string;
  updated_at: string;
  created_by: string | null;
  version: Generated<number>;
  /** 0 or 1. */
  archived: Generated<number>;
}

export interface ClaimsTable {
  id: string;
  article_id: string;
  quote: string;
  start_offset: number;
  end_offset: number;
  statement: string;
  kind: string;
  stage: string;
  verdict: string | null;
  rationale: string | null;
  assignee: string | null;
  submitted_by: string | null;
  dismiss_reason: string | null;
  approved_by: string | null;
  approved_at: string | null;
  due_at: string | null;
  stage_since: string;
  claimant: string | null;
  claimant_type: Generated<string>;
  claim_date: string | null;
  summary: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
  /** The original check this claim repeats (migration 0012): never a repeat itself. */
  repeat_of: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface EvidenceTable {
  id: string;
  claim_id: string;
  url: string;
  title: string;
  publisher: string;
  stance: string;
  source_type: string;
  quote: string | null;
  archived_url: string | null;
  accessed_at: string | null;
  created_at: string;
  created_by: string;
  /** The claim this item was adopted from with its check (migration 0012), or null. */
  adopted_from: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface NotesTable {
  id: string;
  claim_id: string;
  author: string;
  author_role: string;
  text: string;
  created_at: string;
  deleted_at: string | null;
  deleted_by: string | null;
  /** JSON array of the usernames of active people the note mentions (migration 0009). */
  mentions: Generated<string>;
}

export interface HistoryTable {
  id: Generated<number>;
  claim_id: string;
  article_id: string;
  at: string;
  actor: string;
  action: string;
  before: string | null;
  after: string | null;
  note: string | null;
  correction: number;
}

export interface EventsTable {
  id: Generated<number>;
  at: string;
  type: string;
  article_id: string | null;
  claim_id: string | null;
  payload: ColumnType<string, string, never>;
  /**
   * The event's place in the feed (the SSE cursor), given once it is committed and
   * numbered: null until then on PostgreSQL (migration 0008, repositories/events.ts).
   */
  position: number | null;
}

export interface SuggestionsTable {
  id: string;
  article_id: string;
  start_offset: number;
  end_offset: number;
  quote: string;
  score: number;
  /** JSON array of strings. */
  reasons: string;
  suggested_kind: string;
  /** Who the sentence says made the claim, or null (migration 0005). */
  claimant: string | null;
  /** Person or Organization. */
  claimant_type: Generated<string>;
  /** open, accepted or rejected. */
  status: string;
  claim_id: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
}

export interface SuggestionRunsTable {
  article_id: string;
  generated_at: string;
}

export interface BulkBatchesTable {
  id: string;
  author: string;
  created_at: string;
  /** The bulk operation as JSON (`BulkOp`). */
  op: string;
  undone_at: string | null;
}

export interface BulkBatchClaimsTable {
  batch_id: string;
  claim_id: string;
  /** The claim's place in the request's list of ids. */
  position: number;
  /** JSON object: the columns the batch changed, with the values they had before it. */
  before: string;
  /** The claim's version once the batch changed it: undo applies only while it still is. */
  version_after: number;
}

export interface LoginAttemptsTable {
  /** `pair:<address> <username>`, `user:<username>` or `addr:<address>`. */
  key: string;
  count: number;
  /** ms since the epoch. */
  last_ms: number;
  until_ms: number;
}

export interface WebhooksTable {
  id: string;
  url: string;
  /** JSON array of event names, or `["*"]`. */
  events: string;
  secret: string;
  format: string;
  created_by: string;
  created_at: string;
  /** 0 once deleted. */
  active: Generated<number>;
}

export interface WebhookDeliveriesTable {
  /** Order of a webhook's deliveries. */
  seq: Generated<number>;
  /** The X-Claimdesk-Delivery header. */
  id: string;
  webhook_id: string;
  event: string;
  /** The exact body sent, the same on every attempt. */
  body: string;
  status: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
  lease_until: string | null;
  lease_owner: string | null;
}

/**
 * Each article's claims counted by stage and by verdict (migration 0013): one row per
 * article, `stage_<stage>` and `verdict_<verdict>` (`verdict_none`: no verdict yet),
 * kept by triggers on `articles` and `claims`; never written by the application.
 */
export type ArticleClaimCountsTable = { article_id: string } & Record<
  `stage_${Stage}` | `verdict_${Verdict | 'none'}`,
  number
>;
/** Migration 0009: one row per recipient and hand-over (repositories/notifications.ts). */
export interface NotificationsTable {
  id: Generated<number>;
  recipient: string;
  kind: string;
  actor: string | null;
  claim_id: string;
  article_id: string;
  text: string;
  created_at: string;
  read_at: string | null;
}

export interface ArticleMutesTable {
  username: string;
  article_id: string;
  created_at: string;
}

/** Migration 0009: the due reminders sent, once per claim, kind and due time. */
export interface DueRemindersTable {
  claim_id: string;
  kind: string;
  due_at: string;
  created_at: string;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  setup_tokens: SetupTokensTable;
  articles: ArticlesTable;
  claims: ClaimsTable;
  evidence: EvidenceTable;
  notes: NotesTable;
  history: HistoryTable;
  events: EventsTable;
  suggestions: SuggestionsTable;
  suggestion_runs: SuggestionRunsTable;
  bulk_batches: BulkBatchesTable;
  bulk_batch_claims: BulkBatchClaimsTable;
  login_attempts: LoginAttemptsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;

  article_claim_counts: ArticleClaimCountsTable;
  notifications: NotificationsTable;
  article_mutes: ArticleMutesTable;
  due_reminders: DueRemindersTable;
}

export type UserRow = Selectable<UsersTable>;
export type ArticleRow = Selectable<ArticlesTable>;
export type ClaimRow = Selectable<ClaimsTable>;
export type NewClaimRow = Insertable<ClaimsTable>;
export type EvidenceRow = Selectable<EvidenceTable>;
export type NoteRow = Selectable<NotesTable>;
export type HistoryRow = Selectable<HistoryTable>;
export type EventRow = Selectable<EventsTable>;
export type SuggestionRow = Selectable<SuggestionsTable>;
