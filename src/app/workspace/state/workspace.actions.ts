import { createActionGroup, emptyProps, props } from '@ngrx/store';
import { ArticleDetail, ClaimSummary } from '../../../domain/claim';
import { ClaimFilter } from '../../../domain/claim-filter';
import { NoteText } from '../claims-api';

export const WorkspacePageActions = createActionGroup({
  source: 'Workspace Page',
  events: {
    Opened: props<{ articleId: string }>(),
    /** A keystroke in the search box: filters at once, reaches the URL a moment later. */
    'Search Typed': props<{ query: string }>(),
    /** A filter, "Clear filters" or a sort: goes to the URL at once, and wins over typing in flight. */
    'Filter Changed': props<{ filter: ClaimFilter }>(),
    'Search Synced To Url': props<{ query: string }>(),
    /** A claim's checkbox in the table, for a bulk action. */
    'Claim Checked': props<{ claimId: string; checked: boolean }>(),
    /** "Select all": the claims the table shows, checked or unchecked together. */
    'Visible Claims Checked': props<{ claimIds: readonly string[]; checked: boolean }>(),
    /** After a bulk action, or "Clear selection". */
    'Selection Cleared': emptyProps(),
  },
});

export const WorkspaceApiActions = createActionGroup({
  source: 'Workspace API',
  events: {
    'Article Loaded': props<{ article: ArticleDetail }>(),
    'Claims Loaded': props<{ articleId: string; claims: ClaimSummary[] }>(),
    /** Every claim's note text, for search. */
    'Note Text Loaded': props<{ articleId: string; noteText: NoteText }>(),
    /** One claim's note text after a change; null when it has no live note left. */
    'Claim Note Text Loaded': props<{ articleId: string; claimId: string; text: string | null }>(),
    /** `missing`: the server has no such article (404). */
    'Load Failed': props<{ error: string; missing: boolean }>(),
  },
});
