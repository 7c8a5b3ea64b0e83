import { bootstrapApplication } from '@angular/platform-browser';
import { App } from './app/app';
import { appConfig } from './app/app.config';
import { routes } from './app/app.routes';
import { preloadRoute } from './app/shell/route-preload';
import { readStoredTheme } from './app/shell/theme';

// The page's own scripts and first data are fetched while the app starts, not after it.
preloadRoute(routes, location.pathname, document, location.search);

// Evaluating the scripts is one task and starting the app another: a slow phone can paint
// and answer input between the two instead of waiting for both (Lighthouse's long tasks).
// Between them, a task that only reads the stored theme: the page's first localStorage
// access waits for the browser process, and would otherwise stall the toolbar's render.
setTimeout(() => {
  readStoredTheme();
  setTimeout(() => {
    bootstrapApplication(App, appConfig).catch((error: unknown) => console.error(error));
  });
});
