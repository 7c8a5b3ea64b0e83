/**
 * Page weight for `npm run bench:ui`: what each page transfers on a first visit, in
 * Chromium with an empty cache, against the real server (Brotli copies made at build,
 * API answers over 1 kB compressed per request). Sums the encoded (on-the-wire) body
 * sizes of every response, by type, so that the reader sees what weighs.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, Request } from '@playwright/test';
import { FULL_STATUS, newContext, ROOT, ROWS, sleep, STATUS } from './harness';
import { BIG_ARTICLE_ID } from './seed';

/** Issue 13: each page transfers under 600 kB on a first visit (kB of 1,000 bytes). */
export const PAGE_GOAL_BYTES = 600_000;
/** The article the project ships in claims/, imported by the server at start. */
export const SEED_ARTICLE_ID = 'putin-north-korea-visit';
const SEED_FILE = `${SEED_ARTICLE_ID}.json`;
/** The page counts as loaded once nothing has been requested or received for this long. */
const QUIET_MS = 1000;
const SETTLE_TIMEOUT_MS = 30_000;

export const KINDS = ['JS', 'CSS', 'fonts', 'API', 'other'] as const;
export type Kind = (typeof KINDS)[number];

export interface Response {
  readonly url: string;
  readonly kind: Kind;
  /** Encoded body bytes, as they came over the wire. */
  readonly body: number;
  readonly headers: number;
  /** The response's content-encoding ('' when sent as is). */
  readonly encoding: string;
}

export interface PageTransfer {
  readonly name: string;
  readonly path: string;
  /** Whether the 600 kB goal applies to the page. */
  readonly goal: boolean;
  readonly responses: readonly Response[];
  /** Encoded body bytes of every finished response. */
  readonly body: number;
  readonly headers: number;
  readonly byKind: Readonly<Record<Kind, number>>;
  /** Requests still open when measured (the event stream): not counted. */
  readonly open: readonly string[];
}

interface PageSpec {
  readonly name: string;
  readonly path: string;
  readonly signedIn: boolean;
  readonly goal: boolean;
  /** Resolves once the page shows what it is for. */
  readonly ready: (page: Page) => Promise<void>;
}

const SHOWN = { timeout: 60_000 } as const;

export const PAGES: readonly PageSpec[] = [
  {
    name: 'sign-in page',
    path: '/sign-in',
    signedIn: false,
    goal: true,
    ready: (page) => page.getByLabel('Username').waitFor(SHOWN),
  },
  {
    name: 'article list',
    path: '/articles',
    signedIn: true,
    goal: true,
    ready: (page) => page.locator('a[href$="/overview"]').first().waitFor(SHOWN),
  },
  {
    name: 'seed article workspace',
    path: `/articles/${SEED_ARTICLE_ID}`,
    signedIn: true,
    goal: true,
    ready: async (page) => {
      await page
        .locator(STATUS)
        .filter({ hasText: / of \d+ claims/ })
        .waitFor(SHOWN);
      await page.locator(ROWS).first().waitFor(SHOWN);
    },
  },
  {
    name: '2,000-claim article workspace',
    path: `/articles/${BIG_ARTICLE_ID}`,
    signedIn: true,
    goal: false,
    ready: (page) => page.locator(STATUS).filter({ hasText: FULL_STATUS }).waitFor(SHOWN),
  },
];

/** Puts the project's seed article into the claims directory the server imports at start. */
export function addSeedArticle(claimsDir: string): void {
  copyFileSync(join(ROOT, 'claims', SEED_FILE), join(claimsDir, SEED_FILE));
}

function isEventStream(request: Request): boolean {
  return (
    request.resourceType() === 'eventsource' || new URL(request.url()).pathname === '/api/events'
  );
}

function kindOf(request: Request): Kind {
  const path = new URL(request.url()).pathname;
  if (path.startsWith('/api/')) return 'API';
  const type = request.resourceType();
  if (type === 'script' || path.endsWith('.js')) return 'JS';
  if (type === 'stylesheet' || path.endsWith('.css')) return 'CSS';
  if (type === 'font' || /\.(woff2?|ttf|otf)$/.test(path)) return 'fonts';
  return 'other';
}

/** Opens one page in a fresh context (empty HTTP cache) and sums what came over the wire. */
async function measurePage(
  browser: Browser,
  baseUrl: string,
  spec: PageSpec,
  session: BrowserContext,
): Promise<PageTransfer> {
  const context = await newContext(browser, spec.signedIn ? session : undefined);
  try {
    const page = await context.newPage();
    const inFlight = new Set<Request>();
    const finished: Promise<Response>[] = [];
    let lastActivity = performance.now();
    page.on('request', (request) => {
      lastActivity = performance.now();
      inFlight.add(request);
    });
    page.on('requestfailed', (request) => {
      lastActivity = performance.now();
      inFlight.delete(request);
    });
    page.on('requestfinished', (request) => {
      lastActivity = performance.now();
      inFlight.delete(request);
      finished.push(
        (async () => {
          const [sizes, response] = await Promise.all([request.sizes(), request.response()]);
          return {
            url: request.url(),
            kind: kindOf(request),
            body: sizes.responseBodySize,
            headers: sizes.responseHeadersSize,
            encoding: (await response?.headerValue('content-encoding')) ?? '',
          };
        })(),
      );
    });
    await page.goto(`${baseUrl}${spec.path}`);
    await spec.ready(page);
    const deadline = performance.now() + SETTLE_TIMEOUT_MS;
    const busy = () => [...inFlight].some((request) => !isEventStream(request));
    while (
      (busy() || performance.now() - lastActivity < QUIET_MS) &&
      performance.now() < deadline
    ) {
      await sleep(100);
    }
    const responses = await Promise.all(finished);
    const byKind = Object.fromEntries(KINDS.map((kind) => [kind, 0])) as Record<Kind, number>;
    for (const response of responses) byKind[response.kind] += response.body;
    return {
      name: spec.name,
      path: spec.path,
      goal: spec.goal,
      responses,
      body: responses.reduce((sum, r) => sum + r.body, 0),
      headers: responses.reduce((sum, r) => sum + r.headers, 0),
      byKind,
      open: [...inFlight].map((request) => new URL(request.url()).pathname),
    };
  } finally {
    await context.close();
  }
}

export async function measureTransfers(
  browser: Browser,
  baseUrl: string,
  session: BrowserContext,
): Promise<PageTransfer[]> {
  const results: PageTransfer[] = [];
  for (const spec of PAGES) {
    results.push(await measurePage(browser, baseUrl, spec, session));
  }
  return results;
}

// ---------------------------------------------------------------------------
// Report

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

export function passes(transfer: PageTransfer): boolean {
  return transfer.body < PAGE_GOAL_BYTES;
}

function verdict(transfer: PageTransfer): string {
  if (!transfer.goal) return '(no goal)';
  return passes(transfer) ? '**PASS**' : '**MISS**';
}

function transferRows(transfers: readonly PageTransfer[]): string[][] {
  return [
    ['first visit, empty cache', 'requests', ...KINDS, 'total', `goal < ${kb(PAGE_GOAL_BYTES)}`],
    ...transfers.map((t) => [
      t.name,
      String(t.responses.length),
      ...KINDS.map((kind) => kb(t.byKind[kind])),
      `**${kb(t.body)}**`,
      verdict(t),
    ]),
  ];
}

/** The heaviest responses of each page, for the reader to see what weighs. */
function heaviest(transfers: readonly PageTransfer[], count = 3): string[] {
  return transfers.map((t) => {
    const top = [...t.responses]
      .sort((a, b) => b.body - a.body)
      .slice(0, count)
      .map(
        (r) =>
          `\`${new URL(r.url).pathname}\` ${kb(r.body)} (${r.encoding || 'no content-encoding'})`,
      );
    const open = t.open.length ? `; still open, not counted: ${t.open.join(', ')}` : '';
    return `- ${t.name} (\`${t.path}\`): ${top.join(', ')}; headers ${kb(t.headers)} besides${open}.`;
  });
}

/** The results' page-weight part; `table` is run.ts's Markdown table writer. */
export function transferSection(
  transfers: readonly PageTransfer[],
  table: (rows: readonly (readonly string[])[]) => string[],
): string[] {
  return [
    '**Page weight**: encoded (on-the-wire) body bytes of every response on a first visit, ' +
      `each page in a fresh context (empty cache); goal under ${kb(PAGE_GOAL_BYTES)} for the ` +
      'first three.',
    '',
    ...table(transferRows(transfers)),
    '',
    'Heaviest responses:',
    '',
    ...heaviest(transfers),
  ];
}

/** The method's bullet for RESULTS.md. */
export const TRANSFER_METHOD =
  "- **Page weight:** the sign-in page (signed out), the article list and the seed article's " +
  'workspace (signed in), and for comparison the 2,000-claim article, each opened in a fresh ' +
  'browser context (empty HTTP cache) and measured until the page shows its content and ' +
  'nothing has been requested or received for 1 s. Every finished response counts with its ' +
  "encoded body size (Playwright `request.sizes().responseBodySize`, from Chromium's " +
  'network events: bytes on the wire, before decompression), by type: JS, CSS, fonts, API ' +
  "(`/api/…`, including the sign-in page's session check) and other (the document, images, " +
  'icons). Response headers are given apart; the event stream stays open and is not counted.';
