/**
 * The clock of due reminders (repositories/due-reminders.ts): every so often, each
 * process sends the `due_soon` and `overdue` notifications owed; the database makes
 * sure each is sent once, whichever process gets there first. Runs once the app is
 * ready and stops, waiting for a run in progress, when it closes.
 */
import fp from 'fastify-plugin';
import { sendDueReminders } from '../repositories/due-reminders';

/** How often a process looks for reminders owed: a minute late is on time for a day's notice. */
export const DUE_REMINDER_INTERVAL_MS = 60_000;

export interface DueRemindersOptions {
  /** Milliseconds between runs; 0 turns the clock off (tests that do not need it). */
  readonly intervalMs?: number;
}

export default fp<DueRemindersOptions>(
  async (app, options) => {
    const intervalMs = options.intervalMs ?? DUE_REMINDER_INTERVAL_MS;
    if (intervalMs <= 0) {
      return;
    }
    let running: Promise<void> | null = null;
    let timer: NodeJS.Timeout | undefined;
    let closing = false;
    const run = () => {
      if (running || closing) {
        return; // A slow run is not overtaken by the next.
      }
      running = sendDueReminders(app.db)
        .then((events) => app.changes.publish(...events))
        .catch((error: unknown) => app.log.error({ err: error }, 'due reminders failed'))
        .finally(() => {
          running = null;
        });
    };
    app.addHook('onReady', async () => {
      timer = setInterval(run, intervalMs);
      timer.unref();
      run();
    });
    app.addHook('preClose', async () => {
      closing = true;
      clearInterval(timer);
      await running;
    });
  },
  { name: 'due-reminders', dependencies: ['database', 'changes'] },
);
