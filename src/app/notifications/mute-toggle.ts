import { ChangeDetectionStrategy, Component, computed, effect, inject, input } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatTooltip } from '@angular/material/tooltip';
import { Store } from '@ngrx/store';
import { sessionFeature } from '../session/state/session.feature';
import { MuteToggleActions } from './state/notifications.actions';
import { inboxFeature } from './state/notifications.feature';

/**
 * Editors and admins are told of every submission; this stops (or resumes) that
 * for one article. Shown once the server has said whether it is muted; until then its
 * place is kept.
 */
@Component({
  selector: 'cd-mute-toggle',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, MatIcon, MatTooltip],
  template: `
    @if (reviewer() && muted() !== undefined) {
      <button
        mat-button
        type="button"
        data-testid="mute-article"
        [matTooltip]="
          muted()
            ? 'You are not told when claims of this article are submitted'
            : 'Stop being told when claims of this article are submitted'
        "
        (click)="toggle()"
      >
        <mat-icon
          aria-hidden="true"
          [svgIcon]="muted() ? 'notifications_active' : 'notifications_off'"
        />
        {{ muted() ? 'Unmute submissions' : 'Mute submissions for this article' }}
      </button>
    } @else if (reviewer()) {
      <!-- Its place kept (invisible) until the server answers: the article's header would
        otherwise grow a row then and push the text and the claims down (layout shift). -->
      <span class="pending" aria-hidden="true" data-testid="mute-pending">
        <mat-icon svgIcon="notifications_off" />Mute submissions for this article
      </span>
    }
  `,
  styles: `
    /* The text button's box: 40px high, 12px before the icon, 8px between, 16px after. */
    .pending {
      visibility: hidden;
      display: inline-flex;
      align-items: center;
      gap: 8px;
      height: 40px;
      padding: 0 16px 0 12px;
      font: var(--mat-sys-label-large);
      mat-icon {
        width: 18px;
        height: 18px;
      }
    }
  `,
})
export class MuteToggle {
  readonly articleId = input.required<string>();

  private readonly store = inject(Store);
  private readonly user = this.store.selectSignal(sessionFeature.selectUser);
  private readonly mutes = this.store.selectSignal(inboxFeature.selectMuted);
  /** Only editors and admins are told of submissions. */
  protected readonly reviewer = computed(() => {
    const role = this.user()?.role;
    return role === 'editor' || role === 'admin';
  });
  protected readonly muted = computed((): boolean | undefined => this.mutes()[this.articleId()]);

  constructor() {
    effect(() => {
      if (this.reviewer()) {
        this.store.dispatch(MuteToggleActions.shown({ articleId: this.articleId() }));
      }
    });
  }

  protected toggle(): void {
    this.store.dispatch(
      MuteToggleActions.toggled({ articleId: this.articleId(), muted: !this.muted() }),
    );
  }
}
