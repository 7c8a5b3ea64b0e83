import { createActionGroup, emptyProps, props } from '@ngrx/store';
import { DeskPage, DeskQuery, QueueId } from '../../../domain/desk';

export const MyWorkPageActions = createActionGroup({
  source: 'My Work Page',
  events: {
    Opened: emptyProps(),
    Closed: emptyProps(),
    'Show More Clicked': props<{ queue: QueueId }>(),
    'Retry Clicked': props<{ queue: QueueId }>(),
    /** Checkboxes ticked or unticked (one row, or a list's select-all). */
    'Selection Changed': props<{ ids: readonly string[]; selected: boolean }>(),
    'Selection Cleared': emptyProps(),
  },
});

export const ClaimsPageActions = createActionGroup({
  source: 'Claims Page',
  events: {
    /** The page opened, or its URL now asks for other claims. */
    'Query Changed': props<{ query: DeskQuery }>(),
    Closed: emptyProps(),
    'Show More Clicked': emptyProps(),
    'Retry Clicked': emptyProps(),
    'Selection Changed': props<{ ids: readonly string[]; selected: boolean }>(),
    'Selection Cleared': emptyProps(),
  },
});

export const DeskApiActions = createActionGroup({
  source: 'Desk API',
  events: {
    /** `append`: a further page ("Show more"), else the list from its start. */
    'Queue Loaded': props<{ queue: QueueId; page: DeskPage; append: boolean }>(),
    'Queue Load Failed': props<{ queue: QueueId; error: string }>(),
    'List Loaded': props<{ page: DeskPage; append: boolean }>(),
    'List Load Failed': props<{ error: string }>(),
    /** The totals of the signed-in person's queues, for the toolbar; a queue that failed is left out. */
    'Counts Loaded': props<{ counts: Partial<Record<QueueId, number>> }>(),
  },
});

/** How long the event stream must be quiet before the desk asks the server again. */
export const LIVE_SETTLE_MS = 1000;

export const DeskLiveActions = createActionGroup({
  source: 'Desk Live',
  events: {
    /** Claims changed over the event stream and the burst has settled: time to count again. */
    'Changes Settled': emptyProps(),
  },
});
