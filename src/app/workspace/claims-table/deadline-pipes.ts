import { Pipe, PipeTransform } from '@angular/core';
import { ClaimSummary } from '../../../domain/claim';
import { dueState, DueState, shortDuration, timeInStageWords } from '../../../domain/deadline';

/** "Overdue by 2 days" / "Due in 5 hours": pure, recomputed when the claim or the minute changes. */
@Pipe({ name: 'dueState' })
export class DueStatePipe implements PipeTransform {
  transform(claim: Pick<ClaimSummary, 'dueAt' | 'stage'>, now: number): DueState {
    return dueState(claim, now);
  }
}

/** How long the claim has been in its stage: "3 d", or with `words` "In review for 3 d". */
@Pipe({ name: 'inStage' })
export class InStagePipe implements PipeTransform {
  transform(claim: Pick<ClaimSummary, 'stage' | 'stageSince'>, now: number, words = false): string {
    if (words) {
      return timeInStageWords(claim, now);
    }
    const since = Date.parse(claim.stageSince);
    return shortDuration(Number.isNaN(since) ? 0 : now - since);
  }
}
