import { createActionGroup, props } from '@ngrx/store';
import { DeskStats } from '../../../domain/desk';

export const StatsApiActions = createActionGroup({
  source: 'Stats API',
  events: {
    'Stats Loaded': props<{ articleId: string; stats: DeskStats }>(),
    'Stats Failed': props<{ articleId: string; error: string }>(),
  },
});
