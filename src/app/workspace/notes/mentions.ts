import { PublicUser } from '../../../domain/people';

/**
 * `@username` in a note: what the note box suggests while one is typed, and how
 * a saved note shows the people it mentions. The token rule is the server's
 * (mentionCandidates in src/domain/notifications.ts): it starts after white
 * space, an opening bracket or quote, or at the start of the text.
 */

/** How many people the suggestions list at most. */
export const MENTION_SUGGESTIONS = 8;

/** An `@` typed just before the caret, and what follows it so far. */
export interface MentionQuery {
  /** Where the `@` stands in the text. */
  readonly start: number;
  /** What was typed after it, up to the caret. */
  readonly query: string;
}

/** The `@…` that ends just before `caret`, or null when the caret is not in one. */
export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  const match = /(?<![\p{L}\p{N}._@-])@([\p{L}\p{N}._-]{0,64})$/u.exec(text.slice(0, caret));
  return match ? { start: match.index, query: match[1] } : null;
}

/**
 * Active people whose username or display name (any word of it) starts with
 * `query`, ignoring case and accents; usernames that start with it first.
 */
export function suggestPeople(
  people: readonly PublicUser[],
  query: string,
  limit = MENTION_SUGGESTIONS,
): PublicUser[] {
  const wanted = fold(query);
  const ranked: { person: PublicUser; rank: number }[] = [];
  for (const person of people) {
    if (person.disabled) {
      continue;
    }
    if (fold(person.username).startsWith(wanted)) {
      ranked.push({ person, rank: 0 });
    } else if (
      fold(person.displayName)
        .split(/\s+/)
        .some((word) => word.startsWith(wanted))
    ) {
      ranked.push({ person, rank: 1 });
    } else if (fold(person.displayName).startsWith(wanted)) {
      ranked.push({ person, rank: 2 });
    }
  }
  return ranked
    .sort(
      (a, b) => a.rank - b.rank || a.person.displayName.localeCompare(b.person.displayName, 'en'),
    )
    .slice(0, limit)
    .map(({ person }) => person);
}

/** The text with the `@…` being typed replaced by `@username `, and where the caret goes. */
export function insertMention(
  text: string,
  caret: number,
  at: MentionQuery,
  username: string,
): { text: string; caret: number } {
  const inserted = `@${username} `;
  // A space already after the caret is not doubled.
  const rest = text.slice(caret).replace(/^ /, '');
  return { text: text.slice(0, at.start) + inserted + rest, caret: at.start + inserted.length };
}

/** A piece of a note's text: plain, or a mention of a known person. */
export type NotePiece =
  | { readonly text: string; readonly username?: undefined }
  | { readonly text: string; readonly username: string };

/**
 * The note's text in pieces, each `@username` of `mentions` (the server's list of
 * the active people it names) as that person's display name; everything else,
 * unknown names included, stays as written.
 */
export function notePieces(
  text: string,
  mentions: readonly string[],
  displayNames: ReadonlyMap<string, string>,
): NotePiece[] {
  if (mentions.length === 0) {
    return [{ text }];
  }
  const mentioned = new Set(mentions);
  const pieces: NotePiece[] = [];
  let from = 0;
  for (const match of text.matchAll(/(?<![\p{L}\p{N}._@-])@([a-z0-9][a-z0-9._-]*)/gu)) {
    // Dots, hyphens and underscores that end the token are punctuation ("@eli.").
    const username = match[1].replace(/[._-]+$/, '');
    if (!mentioned.has(username)) {
      continue;
    }
    if (match.index > from) {
      pieces.push({ text: text.slice(from, match.index) });
    }
    pieces.push({ text: displayNames.get(username) ?? `@${username}`, username });
    from = match.index + 1 + username.length;
  }
  if (from < text.length) {
    pieces.push({ text: text.slice(from) });
  }
  return pieces;
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
