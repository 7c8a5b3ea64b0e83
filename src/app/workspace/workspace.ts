import { ChangeDetectionStrategy, Component, computed, effect, inject, input } from '@angular/core';
import { Router } from '@angular/router';
import { MatChip, MatChipSet } from '@angular/material/chips';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Store } from '@ngrx/store';
import { CLAIM_KIND_LABELS } from '../../domain/claim';
import { VERDICT_DEFINITIONS } from '../../domain/verdicts';
import { STAGE_LABELS } from '../../domain/workflow';
import { segmentArticle } from './article-segments';
import { ClaimPanel } from './claim-panel';
import { ClaimDetailPageActions } from './state/claim-detail.actions';
import { claimsFeature } from './state/claims.feature';
import { WorkspacePageActions } from './state/workspace.actions';

/** The article under review: its text with every claim highlighted, and the claims beside it. */
@Component({
  selector: 'cd-workspace',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ClaimPanel, MatChip, MatChipSet, MatProgressBar],
  templateUrl: './workspace.html',
  styleUrl: './workspace.scss',
})
export class Workspace {
  private readonly store = inject(Store);
  /** Route parameter. */
  readonly articleId = input.required<string>();
  /** Query parameter `claim`: the open claim, so that a link opens it. */
  readonly claim = input<string | undefined>(undefined);
  private readonly router = inject(Router);

  protected readonly article = this.store.selectSignal(claimsFeature.selectArticle);
  protected readonly claims = this.store.selectSignal(claimsFeature.selectAll);
  protected readonly loading = this.store.selectSignal(claimsFeature.selectLoading);
  protected readonly error = this.store.selectSignal(claimsFeature.selectError);
  protected readonly selectedId = computed(() => this.claim() ?? null);
  protected readonly stageLabels = STAGE_LABELS;
  protected readonly kindLabels = CLAIM_KIND_LABELS;
  protected readonly verdicts = VERDICT_DEFINITIONS;

  protected readonly lines = computed(() => {
    const article = this.article();
    if (!article) {
      return [];
    }
    return segmentArticle(
      article.text,
      this.claims(),
      new Set(article.headings.map((h) => h.line)),
    );
  });

  protected readonly stageOf = computed(() => new Map(this.claims().map((c) => [c.id, c.stage])));

  constructor() {
    effect(() => this.store.dispatch(WorkspacePageActions.opened({ articleId: this.articleId() })));
  }

  protected select(claimId: string | null): void {
    void this.router.navigate([], {
      queryParams: { claim: claimId },
      queryParamsHandling: 'merge',
    });
    if (claimId === null) {
      this.store.dispatch(ClaimDetailPageActions.closed());
      return;
    }
    document
      .getElementById(`claim-row-${claimId}`)
      ?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }
}
