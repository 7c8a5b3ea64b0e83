import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { Toolbar } from './shell/toolbar';

@Component({
  selector: 'cd-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, Toolbar],
  template: `
    <a class="skip" href="#main">Skip to content</a>
    <cd-toolbar />
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
export class App {}
