/**
 * The inbox's sentences: plain text (never HTML), naming the claim by its statement,
 * shortened so that a long statement does not fill the inbox.
 */
import type { ClaimSummary } from '../../src/domain/claim';
import type { NotificationKind } from '../../src/domain/notifications';

/** How long a claim's statement may run in a notification's sentence. */
const STATEMENT_IN_TEXT = 80;

function quoted(claim: ClaimSummary): string {
  const statement = claim.statement.replace(/\s+/g, ' ').trim();
  const short =
    [...statement].length > STATEMENT_IN_TEXT
      ? `${[...statement].slice(0, STATEMENT_IN_TEXT - 1).join('')}…`
      : statement;
  return `“${short}”`;
}

/** The inbox's sentence: plain text, naming the claim. */
export function notificationText(
  kind: NotificationKind,
  actorName: string | null,
  claim: ClaimSummary,
): string {
  const who = actorName ?? 'Someone';
  const what = `the claim ${quoted(claim)}`;
  return finished(sentenceOf(kind, who, what));
}

function sentenceOf(kind: NotificationKind, who: string, what: string): string {
  switch (kind) {
    case 'assigned':
      return `${who} assigned you ${what}`;
    case 'submitted':
      return `${who} submitted ${what} for review`;
    case 'changes_requested':
      return `${who} requested changes on ${what}`;
    case 'approved':
      return `${who} approved ${what}`;
    case 'dismissed':
      return `${who} dismissed ${what}`;
    case 'reopened':
      return `${who} reopened ${what}`;
    case 'mentioned':
      return `${who} mentioned you in a note on ${what}`;
    case 'due_soon':
      return `${capitalised(what)} is due within 24 hours`;
    case 'overdue':
      return `${capitalised(what)} is overdue`;
  }
}

/** Ends the sentence, unless the quoted statement it ends with already did (“… last year.”). */
function finished(sentence: string): string {
  return /[.!?…]”$/.test(sentence) ? sentence : `${sentence}.`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
