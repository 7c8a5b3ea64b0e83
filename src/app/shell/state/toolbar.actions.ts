import { createActionGroup, props } from '@ngrx/store';

/** What the signed-in person does from the toolbar. */
export const ToolbarActions = createActionGroup({
  source: 'Toolbar',
  events: {
    /** The signed-in person chose a new display name for themself (already trimmed). */
    'Display Name Changed': props<{ username: string; displayName: string }>(),
  },
});
