import {
  EnvironmentInjector,
  EnvironmentProviders,
  inject,
  makeEnvironmentProviders,
  provideAppInitializer,
  runInInjectionContext,
} from '@angular/core';
import { EffectSources, EffectsRunner, rootEffectsInit } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { nextTask } from './next-task';

/** A file's functional effects, as `import * as effects` gives them to `provideEffects`. */
type EffectsRecord = Readonly<Record<string, unknown>>;

/**
 * The app's root effects, started as `provideEffects` starts them (every group subscribed,
 * then `ROOT_EFFECTS_INIT`), but each group in a task of its own. Subscribing them all at
 * once was one task of 30-50 ms on this machine, some 200 ms on Lighthouse's slow phone,
 * where each task's time beyond 50 ms counts as blocking. Nothing is dispatched while the
 * groups are added (the app initializers hold back the first page and navigation, and the
 * first request leaves on `ROOT_EFFECTS_INIT`), so no effect misses an action. Effects that
 * routes provide later see the runner started and are added as before.
 */
export function provideEffectsInSteps(...groups: readonly EffectsRecord[]): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideAppInitializer(async () => {
      const injector = inject(EnvironmentInjector);
      const runner = inject(EffectsRunner);
      const sources = inject(EffectSources);
      const store = inject(Store);
      runner.start();
      for (const group of groups) {
        await nextTask();
        // Functional effects inject() what they use as they are subscribed.
        runInInjectionContext(injector, () => sources.addEffects(group));
      }
      store.dispatch(rootEffectsInit());
      // The page is drawn in the task after (the app initializers hold it back until then).
      await nextTask();
    }),
  ]);
}
