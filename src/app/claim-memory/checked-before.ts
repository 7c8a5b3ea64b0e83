import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { catchError, distinctUntilChanged, map, Observable, of, switchMap } from 'rxjs';
import { ClaimDetail, ClaimSummary } from '../../domain/claim';
import { canAdopt, canMarkRepeat } from '../../domain/claim-memory';
import { CHECKED_BEFORE_MIN_SCORE, ClaimMatch } from '../../domain/matching';
import { VERDICT_DEFINITIONS } from '../../domain/verdicts';
import { ARCHIVED_REFUSAL, Decision, STAGE_LABELS } from '../../domain/workflow';
import { sessionFeature } from '../session/state/session.feature';
import { describeHttpError } from '../shell/http-errors';
import { claimsFeature } from '../workspace/state/claims.feature';
import { ClaimMemoryApi } from './claim-memory-api';
import { CheckedBeforeActions } from './state/claim-memory.actions';

/** Matches asked for; the best few of those that score high enough are shown. */
const ASKED = 10;
const SHOWN = 3;

interface Matches {
  readonly items: readonly ClaimMatch[];
  readonly loading: boolean;
  readonly error: string | null;
}

type Confirmation =
  | { readonly kind: 'mark'; readonly match: ClaimMatch }
  | { readonly kind: 'unmark' }
  | { readonly kind: 'adopt' };

const ARCHIVED: Decision = { allowed: false, refusal: ARCHIVED_REFUSAL };

/**
 * "Checked before?": the earlier claims (other articles) that a claim or a passage most
 * likely repeats, with their verdicts and stages, shown when one scores high enough. For
 * a claim (the claim panel) it also says what it repeats and how often it is repeated,
 * and offers to mark it as a repeat and to adopt the earlier check, each after a yes.
 */
@Component({
  selector: 'cd-checked-before',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, RouterLink],
  templateUrl: './checked-before.html',
  styleUrl: './checked-before.scss',
})
export class CheckedBefore {
  private readonly store = inject(Store);
  private readonly api = inject(ClaimMemoryApi);

  /** An existing claim: its similar claims, what it repeats, and the actions. */
  readonly claim = input<ClaimSummary | null>(null);
  /** Or a passage that is not a claim yet (a suggestion, the new-claim dialog). */
  readonly text = input<string | null>(null);
  /** The passage's article, whose own claims are not "before" (default: the workspace's). */
  readonly articleId = input<string | null>(null);

  protected readonly stageLabels = STAGE_LABELS;
  protected readonly verdicts = VERDICT_DEFINITIONS;
  private readonly actor = this.store.selectSignal(sessionFeature.selectActor);
  private readonly article = this.store.selectSignal(claimsFeature.selectArticle);

  /** What to ask the matcher, as a key that changes only when the question does. */
  private readonly question = computed(() => {
    const claim = this.claim();
    const text = this.text()?.trim();
    return claim ? `claim:${claim.id}` : text ? `text:${text}` : '';
  });

  private readonly matches = toSignal(
    toObservable(this.question).pipe(
      distinctUntilChanged(),
      switchMap((question): Observable<Matches> => {
        if (!question) {
          return of({ items: [], loading: false, error: null });
        }
        const request$ = question.startsWith('claim:')
          ? this.api.similar(question.slice('claim:'.length), ASKED)
          : this.api.match(question.slice('text:'.length), ASKED);
        return request$.pipe(
          map((response) => ({ items: response.items, loading: false, error: null })),
          catchError((error: unknown) =>
            of({ items: [], loading: false, error: describeHttpError(error) }),
          ),
        );
      }),
    ),
    { initialValue: { items: [], loading: true, error: null } satisfies Matches },
  );

  /** The best matches that matter: high enough, and from another article. */
  protected readonly shown = computed(() => {
    const claim = this.claim();
    const ownArticle = claim?.articleId ?? this.articleId() ?? this.article()?.id;
    return this.matches()
      .items.filter(
        (match) =>
          match.score >= CHECKED_BEFORE_MIN_SCORE &&
          match.claimId !== claim?.id &&
          match.articleId !== ownArticle,
      )
      .slice(0, SHOWN);
  });
  protected readonly error = computed(() => this.matches().error);

  /** The earlier check this claim repeats, loaded when it says it repeats one. */
  protected readonly original = toSignal(
    toObservable(computed(() => this.claim()?.repeatOf ?? null)).pipe(
      distinctUntilChanged(),
      switchMap((id): Observable<ClaimDetail | null> =>
        id ? this.api.claim(id).pipe(catchError(() => of(null))) : of(null),
      ),
    ),
    { initialValue: null },
  );
  /** Its article's headline, when the matcher named it. */
  protected readonly originalHeadline = computed(() => {
    const id = this.claim()?.repeatOf;
    return this.matches().items.find((match) => match.claimId === id)?.articleHeadline ?? null;
  });

  private readonly archived = computed(() => this.article()?.archived === true);
  protected readonly markDecision = computed<Decision | null>(() => {
    const claim = this.claim();
    const actor = this.actor();
    if (!claim || !actor) {
      return null;
    }
    return this.archived() ? ARCHIVED : canMarkRepeat(claim, actor);
  });
  protected readonly adoptDecision = computed<Decision | null>(() => {
    const claim = this.claim();
    const actor = this.actor();
    const original = this.original();
    if (!claim || !actor || !claim.repeatOf) {
      return null;
    }
    if (this.archived()) {
      return ARCHIVED;
    }
    if (original && (original.stage !== 'approved' || original.verdict === null)) {
      return {
        allowed: false,
        refusal: {
          code: 'wrong_stage',
          message: 'The earlier claim has no approved check to adopt yet.',
        },
      };
    }
    return canAdopt(claim, actor);
  });

  protected readonly confirming = signal<Confirmation | null>(null);

  protected ask(confirmation: Confirmation): void {
    this.confirming.set(confirmation);
  }

  protected cancel(): void {
    this.confirming.set(null);
  }

  protected confirm(): void {
    const confirmation = this.confirming();
    const claim = this.claim();
    this.confirming.set(null);
    if (!confirmation || !claim) {
      return;
    }
    this.store.dispatch(
      confirmation.kind === 'mark'
        ? CheckedBeforeActions.markRepeatConfirmed({
            claim,
            originalId: confirmation.match.claimId,
          })
        : confirmation.kind === 'unmark'
          ? CheckedBeforeActions.unmarkRepeatConfirmed({ claim })
          : CheckedBeforeActions.adoptConfirmed({ claim }),
    );
  }

  protected percent(score: number): number {
    return Math.round(score * 100);
  }
}
