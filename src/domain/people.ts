import { Role } from './workflow';

/**
 * Display names: how colleagues see a person in the history, the notes and the
 * assignee lists. One rule for the dashboard (its form fields), the server (its
 * schemas) and the `users` command.
 */

/** The longest display name, in characters, once trimmed. */
export const DISPLAY_NAME_MAX_LENGTH = 100;

/** How a refused display name is explained, after the field's name. */
export const DISPLAY_NAME_RULE = `must be 1–${DISPLAY_NAME_MAX_LENGTH} characters (spaces around it aside), with something visible and no control characters`;

/**
 * Control characters (C0, DEL, C1), the bidirectional embeddings, overrides and
 * isolates (which could make a name read as someone else's), and lone UTF-16
 * surrogates (which corrupt exports).
 */
const CONTROL = /[\p{Cc}\u202A-\u202E\u2066-\u2069\p{Cs}]/u;
/** Neither white space nor a format character (Cf) nor a Hangul filler. */
const VISIBLE = /[^\s\p{Z}\p{Cf}\u115F\u1160\u3164\uFFA0]/u;

/**
 * The display name `text` stands for: trimmed, 1–DISPLAY_NAME_MAX_LENGTH
 * characters (code points, as a person counts them), with a visible character
 * and no control character anywhere; null when it cannot be one.
 */
export function cleanDisplayName(text: string): string | null {
  if (CONTROL.test(text)) {
    return null;
  }
  const name = text.trim();
  // A code point is one or two UTF-16 units: only a short text needs counting.
  if (name.length > 2 * DISPLAY_NAME_MAX_LENGTH) {
    return null;
  }
  const length = [...name].length;
  return length > 0 && length <= DISPLAY_NAME_MAX_LENGTH && VISIBLE.test(name) ? name : null;
}

/** An account as the API shows it (the session, the People page, `user.changed` events). */
export interface PublicUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly disabled: boolean;
  readonly createdAt: string;
}
