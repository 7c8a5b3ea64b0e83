import {
  afterNextRender,
  EnvironmentInjector,
  ErrorHandler,
  inject,
  Injectable,
  PendingTasks,
} from '@angular/core';
import { nextTask } from './next-task';

/**
 * Parts of the first page drawn one task each, in the order they ask, each after the one
 * before it has been rendered. Lighthouse's slow phone counts every task's time beyond
 * 50 ms (its CPU is 4× slower) as blocking: one render of the whole toolbar was about
 * 55 ms of CPU here, some 220 ms there, while its pieces drawn one after the other stay
 * under or near the limit. Each part keeps its place while it waits (no layout shift),
 * and `whenStable()` waits for every part queued.
 */
@Injectable({ providedIn: 'root' })
export class DrawQueue {
  private readonly injector = inject(EnvironmentInjector);
  private readonly pendingTasks = inject(PendingTasks);
  private readonly errors = inject(ErrorHandler);
  private last: Promise<void> = Promise.resolve();

  /** Calls `draw` (which sets what its template shows) in a task of its own, then waits for the render. */
  draw(draw: () => void): void {
    const done = this.pendingTasks.add();
    this.last = this.last
      .then(async () => {
        await nextTask();
        draw();
        await new Promise<void>((rendered) =>
          afterNextRender(() => rendered(), { injector: this.injector }),
        );
      })
      // A part that fails to draw is reported; the parts after it are drawn all the same.
      .catch((error: unknown) => this.errors.handleError(error))
      .finally(done);
  }
}
