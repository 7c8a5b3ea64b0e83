import { bootstrapApplication } from '@angular/platform-browser';
import { App } from './app/app';
import { appConfig } from './app/app.config';

// Evaluating the scripts is one task and starting the app another: a slow phone can paint
// and answer input between the two instead of waiting for both (Lighthouse's long tasks).
setTimeout(() => {
  bootstrapApplication(App, appConfig).catch((error: unknown) => console.error(error));
});
