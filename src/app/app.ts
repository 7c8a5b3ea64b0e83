import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { DrawQueue } from './shell/draw-queue';
import { Toolbar } from './shell/toolbar';

@Component({
  selector: 'cd-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, Toolbar],
  template: `
    <a class="skip" href="#main">Skip to content</a>
    @if (toolbarDrawn()) {
      <cd-toolbar />
    } @else {
      <!-- The brand as index.html painted it, in the toolbar's place and height. -->
      <div class="cd-boot-shell">Claimdesk</div>
    }
    <main id="main" tabindex="-1"><router-outlet /></main>
  `,
  styles: `
    .skip {
      position: absolute;
      left: -9999px;
    }
    .skip:focus {
      left: 8px;
      top: 8px;
      z-index: 10;
      background: var(--mat-sys-surface);
      padding: 8px;
    }
    main:focus {
      outline: none;
    }
  `,
})
export class App {
  /**
   * The toolbar is drawn in the task after the app's first one: on a slow phone the two are
   * two shorter tasks (Lighthouse's blocking time counts each task's time beyond 50 ms).
   */
  protected readonly toolbarDrawn = signal(false);

  constructor() {
    inject(DrawQueue).draw(() => this.toolbarDrawn.set(true));
  }
}
