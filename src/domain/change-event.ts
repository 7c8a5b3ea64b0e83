/**
 * The kinds of change the server's event stream (`GET /api/events`) sends: one
 * list for the server that writes them and the dashboard that reads them.
 */
export type ChangeType =
  | 'article.created'
  /**
   * An article's metadata or archive state changed (`PATCH /api/articles/:id`);
   * data: `{ article }`, the article summary as it now stands.
   */
  | 'article.updated'
  | 'claim.created'
  | 'claim.updated'
  | 'evidence.changed'
  | 'note.changed'
  /** A suggestion was accepted or rejected; data: `{ suggestionId, status }`. */
  | 'suggestion.changed'
  /**
   * An account was added or changed (display name, role, disabled); data:
   * `{ user }`, the account as the API shows it. No article or claim.
   */
  | 'user.changed';
