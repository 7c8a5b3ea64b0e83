/**
 * The 10,000-claim article of issue 13 in `npm run bench:ui`: opening it beside
 * the seed article in the same run (loads interleaved, so both see the same
 * load), a search keystroke in it, how many highlights the page holds, and what
 * its claims list costs on the wire.
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import {
  expectationFor,
  fullStatus,
  type KeyTiming,
  log,
  newContext,
  openWorkspace,
  ROOT,
  sleep,
  TEXT,
  typeSteps,
  VIEWPORT,
} from './harness';
import { planWords } from './keys';
import { type LoadTiming, measureLoad } from './load';
import { HUGE_ARTICLE_CLAIMS, type SeededData } from './seed';
import { SEED_ARTICLE_ID } from './transfer';

export { hugeSection } from './huge-report';

/**
 * Keys typed in the 10,000-claim article: enough that the p95 is not one slow
 * key (it is the 10th slowest of 200), in words typed and erased.
 */
export const HUGE_KEYS = 200;
const LOADS = 5;
/** Time for the highlights to follow a scroll (an IntersectionObserver report and a render). */
const SETTLE_MS = 1000;

export interface Highlights {
  /** Paragraphs of the text (`[data-block]`). */
  readonly blocks: number;
  /** `article mark` elements once the article is open, at the top of its text. */
  readonly atOpen: number;
  /** After scrolling the text to its middle, and how many of those are in its visible box. */
  readonly inMiddle: number;
  readonly middleInView: number;
  /** After clicking the table's last row: its highlight rendered and scrolled into view. */
  readonly lastShown: boolean;
  readonly afterLast: number;
}

export interface ListBytes {
  /** GET /api/articles/:id/claims without Accept-Encoding. */
  readonly raw: number;
  readonly br: number;
  readonly gzip: number;
  /** The content-encoding each of those came with. */
  readonly encodings: readonly string[];
  /** The encoded body size the browser saw on opening the article (Resource Timing). */
  readonly inBrowser: number;
}

export interface HugeResults {
  readonly seedClaims: number;
  readonly seedLoads: readonly LoadTiming[];
  readonly hugeLoads: readonly LoadTiming[];
  readonly keys: readonly KeyTiming[];
  readonly words: readonly string[];
  /** Typed and erased before the measured keys, not counted. */
  readonly warmUpWord: string;
  readonly highlights: Highlights;
  readonly list: ListBytes;
}

function seedClaimCount(): number {
  const file = join(ROOT, 'claims', `${SEED_ARTICLE_ID}.json`);
  return (JSON.parse(readFileSync(file, 'utf8')) as { claims: unknown[] }).claims.length;
}

/** The body of a GET as it comes over the wire, asking for one encoding (or none). */
function wireBytes(
  url: string,
  cookie: string,
  encoding: string | null,
): Promise<{ bytes: number; encoding: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { cookie };
    if (encoding) headers['accept-encoding'] = encoding;
    const req = request(url, { headers }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () =>
        response.statusCode === 200
          ? resolve({ bytes, encoding: response.headers['content-encoding'] ?? 'none' })
          : reject(new Error(`GET ${url}: ${response.statusCode}`)),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

async function listBytes(
  baseUrl: string,
  session: BrowserContext,
  articleId: string,
  inBrowser: number,
): Promise<ListBytes> {
  const cookie = (await session.cookies(baseUrl)).map((c) => `${c.name}=${c.value}`).join('; ');
  const url = `${baseUrl}/api/articles/${articleId}/claims`;
  const raw = await wireBytes(url, cookie, null);
  const br = await wireBytes(url, cookie, 'br');
  const gzip = await wireBytes(url, cookie, 'gzip');
  return {
    raw: raw.bytes,
    br: br.bytes,
    gzip: gzip.bytes,
    encodings: [raw.encoding, br.encoding, gzip.encoding],
    inBrowser,
  };
}

/** Highlights in the page: at the top, in the middle, and after opening the last claim. */
async function countHighlights(page: Page, lastId: string): Promise<Highlights> {
  await page.locator('article mark').first().waitFor();
  await sleep(SETTLE_MS);
  const marks = page.locator('article mark');
  const atOpen = await marks.count();
  const blocks = await page.locator('article [data-block]').count();
  await page.evaluate((selector) => {
    const text = document.querySelector(selector);
    if (text) text.scrollTop = text.scrollHeight / 2;
  }, TEXT);
  await sleep(SETTLE_MS);
  const middle = await page.evaluate((selector) => {
    const text = document.querySelector(selector);
    const box = text?.getBoundingClientRect();
    const all = text ? Array.from(text.querySelectorAll('article mark')) : [];
    const inView = all.filter((mark) => {
      const rect = mark.getBoundingClientRect();
      return box && rect.bottom > box.top && rect.top < box.bottom;
    });
    return { count: all.length, inView: inView.length };
  }, TEXT);
  // The last claim from the table: its highlight, far down the text, is rendered and shown.
  await page.evaluate((selector) => {
    const viewport = document.querySelector(selector);
    if (viewport) viewport.scrollTop = viewport.scrollHeight;
  }, VIEWPORT);
  await page.locator(`#claim-row-${lastId}`).click();
  // Waits for the highlight to be inside the text's view, not for a fixed time: on a
  // busy or slow machine the scroll ends late, and a fixed wait read that as a miss.
  const lastShown = await page
    .waitForFunction(
      ({ selector, id }) => {
        const text = document.querySelector(selector);
        const mark = text?.querySelector(`article mark[data-claims~="${id}"]`);
        if (!text || !mark) return false;
        const box = text.getBoundingClientRect();
        const rect = mark.getBoundingClientRect();
        return rect.top >= box.top - 1 && rect.bottom <= box.bottom + 1;
      },
      { selector: TEXT, id: lastId },
      { timeout: 10 * SETTLE_MS },
    )
    .then(
      () => true,
      () => false,
    );
  return {
    blocks,
    atOpen,
    inMiddle: middle.count,
    middleInView: middle.inView,
    lastShown,
    afterLast: await marks.count(),
  };
}

export async function measureHugeArticle(
  browser: Browser,
  baseUrl: string,
  session: BrowserContext,
  seeded: SeededData,
): Promise<HugeResults> {
  const seedClaims = seedClaimCount();
  const seedUrl = `${baseUrl}/articles/${SEED_ARTICLE_ID}`;
  const hugeUrl = `${baseUrl}/articles/${seeded.hugeArticleId}`;
  const hugeStatus = fullStatus(HUGE_ARTICLE_CLAIMS);

  log(`opening the seed article and the 10,000-claim article ${LOADS + 1} times each, in turn …`);
  const seedLoads: LoadTiming[] = [];
  const hugeLoads: LoadTiming[] = [];
  for (let i = 0; i <= LOADS; i++) {
    const seed = await measureLoad(browser, session, seedUrl, fullStatus(seedClaims));
    const huge = await measureLoad(browser, session, hugeUrl, hugeStatus);
    if (i > 0) {
      seedLoads.push(seed);
      hugeLoads.push(huge);
    }
  }

  log('planning keys in the 10,000-claim article …');
  const plan = planWords(seeded.hugeClaims, HUGE_KEYS);
  log(`typing ${plan.measured.length} keys in the 10,000-claim article …`);
  const context = await newContext(browser, session);
  try {
    const page = await openWorkspace(context, hugeUrl, hugeStatus);
    const expectation = expectationFor(HUGE_ARTICLE_CLAIMS);
    await typeSteps(page, plan.warmUp, expectation);
    const keys = await typeSteps(page, plan.measured, expectation);
    log('counting highlights …');
    const lastId = seeded.hugeClaims.at(-1)?.id ?? '';
    const highlights = await countHighlights(page, lastId);
    const list = await listBytes(
      baseUrl,
      session,
      seeded.hugeArticleId,
      hugeLoads[0]?.claimsEncoded ?? NaN,
    );
    return {
      seedClaims,
      seedLoads,
      hugeLoads,
      keys,
      words: plan.words,
      // The longest query of the warm-up is its word.
      warmUpWord: plan.warmUp.reduce(
        (word, step) => (step.query.length > word.length ? step.query : word),
        '',
      ),
      highlights,
      list,
    };
  } finally {
    await context.close();
  }
}
