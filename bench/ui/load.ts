/**
 * Opening an article in `npm run bench:ui`: navigation start to the claims table
 * showing every claim, in the DOM and painted, each time in a fresh context.
 */
import type { Browser, BrowserContext } from '@playwright/test';
import { FULL_STATUS, newContext, ROWS, STATUS } from './harness';
import { instrument } from './page';

export interface LoadTiming {
  /** Navigation start → the claims response has arrived. */
  readonly claimsResponse: number;
  /** Navigation start → the table shows every claim (DOM). */
  readonly dom: number;
  /** Navigation start → that frame is produced (the earlier of a posted task and the next rAF). */
  readonly painted: number;
  /** JavaScript the page fetched (decoded bytes), initial and lazy. */
  readonly scriptBytes: number;
  /** The claims list's body as it came over the wire (encoded) and decoded. */
  readonly claimsEncoded: number;
  readonly claimsDecoded: number;
}

/**
 * Opens the article in a fresh context (cold HTTP cache, signed-in cookie) and
 * times it until the claims count says `status` ("2000 of 2000 claims") beside rows.
 */
export async function measureLoad(
  browser: Browser,
  session: BrowserContext,
  articleUrl: string,
  status = FULL_STATUS,
): Promise<LoadTiming> {
  const context = await newContext(browser, session);
  try {
    await context.addInitScript(instrument, {
      statusSelector: STATUS,
      status,
      rowSelector: ROWS,
    });
    const page = await context.newPage();
    await page.goto(articleUrl, { waitUntil: 'commit' });
    const load = await page.evaluate(
      (timeout) => window.__uiBench?.whenLoaded(timeout) ?? null,
      60_000,
    );
    if (!load || load.dom === undefined || load.painted === undefined) {
      throw new Error(`the claims table did not show "${status}" within 60 s`);
    }
    const resources = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((entry) => {
        const resource = entry as PerformanceResourceTiming;
        return {
          name: resource.name,
          end: resource.responseEnd,
          bytes: resource.decodedBodySize,
          encoded: resource.encodedBodySize,
        };
      }),
    );
    // The list as objects (`/claims`, builds before the rows) or as rows (`/claim-rows`).
    const claims = resources.find((r) => /\/api\/articles\/[^/]+\/claim(s|-rows)$/.test(r.name));
    const scripts = resources.filter((r) => /\.js(\?|$)/.test(r.name));
    return {
      claimsResponse: claims?.end ?? NaN,
      dom: load.dom,
      painted: Math.min(load.painted, load.raf2 ?? Infinity),
      scriptBytes: scripts.reduce((sum, r) => sum + r.bytes, 0),
      claimsEncoded: claims?.encoded ?? NaN,
      claimsDecoded: claims?.bytes ?? NaN,
    };
  } finally {
    await context.close();
  }
}
