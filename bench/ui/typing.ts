/**
 * Typing into the claims search of `npm run bench:ui`, every key timed in the
 * page (page.ts) from its keydown to the expected result in the DOM and painted.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from '@playwright/test';
import { type Step } from './keys';
import { type Expectation, type KeyRecord } from './page';
import { BIG_ARTICLE_CLAIMS } from './seed';

export const SEARCH = '[data-testid="claim-search"]';
export const STATUS = 'cd-claim-filters [role="status"]';
export const ROWS = 'cd-claims-table [role="row"][aria-rowindex]';
export const VIEWPORT = 'cd-claims-table cdk-virtual-scroll-viewport';
export const FULL_STATUS = `${BIG_ARTICLE_CLAIMS} of ${BIG_ARTICLE_CLAIMS} claims`;
/** The article text, which scrolls on its own beside the table at the benchmark's width. */
export const TEXT = 'cd-article-text';

/** Pause between keys, as between a person's keystrokes. */
export const KEY_GAP_MS = 150;

export interface KeyTiming {
  readonly step: Step;
  /** keydown → the result is in the DOM. */
  readonly dom: number;
  /** keydown → the frame with the result is painted: the earlier of `task` and `doubleRaf`. */
  readonly painted: number;
  /** keydown → a task posted from the first rAF after the DOM change. */
  readonly task: number;
  /** keydown → the second rAF after the DOM change. */
  readonly doubleRaf: number;
  /** Chrome's Event Timing for the key (keydown → next paint, 8 ms steps); 0 when under 16 ms. */
  readonly eventTiming: number;
  /** Event creation → our keydown listener: input delay. */
  readonly inputDelay: number;
}

/** What each key should bring in an article of `total` claims. */
export function expectationFor(total: number): (step: Step) => Expectation {
  return (step) => ({
    inputSelector: SEARCH,
    statusSelector: STATUS,
    status: `${step.shown} of ${total} claims`,
    firstRowId: step.firstId === null ? null : `claim-row-${step.firstId}`,
    rowSelector: ROWS,
  });
}

export const workspaceExpectation = expectationFor(BIG_ARTICLE_CLAIMS);

/** Presses each step's key into the focused search box and times it to the expected result. */
export async function typeSteps(
  page: Page,
  steps: readonly Step[],
  expectation: (step: Step) => Expectation,
): Promise<KeyTiming[]> {
  const records: { step: Step; record: KeyRecord }[] = [];
  for (const step of steps) {
    const expect = expectation(step);
    const index = await page.evaluate((expected) => {
      const bench = window.__uiBench;
      if (!bench) throw new Error('the page is not instrumented');
      bench.expect = expected;
      return bench.keys.length;
    }, expect);
    await page.keyboard.press(step.key);
    const record = await page.evaluate(
      ([i, timeout]) => window.__uiBench?.whenKey(i, timeout) ?? null,
      [index, 15_000] as const,
    );
    if (!record || record.timedOut || record.dom === undefined) {
      const status = await page.locator(expect.statusSelector).textContent();
      throw new Error(
        `after "${step.key}" (query "${step.query}") the page did not show ` +
          `"${expect.status}" (status: "${status?.trim()}")`,
      );
    }
    records.push({ step, record });
    await sleep(KEY_GAP_MS);
  }
  // Event Timing entries arrive after their paint; by now they all have.
  const events = await page.evaluate(() => window.__uiBench?.events ?? []);
  return records.map(({ step, record }) => {
    const keydown = events.find((e) => e.name === 'keydown' && e.startTime === record.eventStamp);
    const related = events.filter(
      (e) =>
        (keydown && e.interactionId === keydown.interactionId && e.name !== 'keyup') ||
        (e.name === 'input' &&
          e.startTime >= record.eventStamp &&
          e.startTime < record.keydown + 50),
    );
    const task = (record.painted ?? NaN) - record.keydown;
    const doubleRaf = (record.raf2 ?? NaN) - record.keydown;
    return {
      step,
      dom: (record.dom ?? NaN) - record.keydown,
      painted: Math.min(task, doubleRaf),
      task,
      doubleRaf,
      eventTiming: Math.max(0, ...related.map((e) => e.duration)),
      inputDelay: record.keydown - record.eventStamp,
    };
  });
}
