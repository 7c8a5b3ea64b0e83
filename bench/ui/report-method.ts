/**
 * RESULTS.md of `npm run bench:ui`: the result tables (report.ts) and how each
 * figure was measured.
 */
import { cpus, totalmem } from 'node:os';
import { DEFAULT_APP_DIR, KEY_GAP_MS, packageVersion, VIEWPORT_SIZE } from './harness';
import { HUGE_KEYS } from './huge-article';
import { BIG_ARTICLE_CLAIMS } from './seed';
import { PAGE_GOAL_BYTES, passes, SEED_ARTICLE_ID, TRANSFER_METHOD } from './transfer';
import {
  KEY_TARGET_MS,
  LOADS,
  type Report,
  ms,
  kb,
  ratio,
  figures,
  resultTables,
  SCROLL_JUMPS,
  SCROLL_STEP_PX,
} from './report';

export function markdown(report: Report): string {
  const f = figures(report);
  const { browser, seeded, plan } = report;
  const date = report.date.toISOString().replace('T', ' ').slice(0, 16);
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const built =
    report.buildSeconds !== null
      ? `\`ng build\` (production) and \`scripts/finish-build.mjs\` of Claimdesk took ${report.buildSeconds.toFixed(0)} s`
      : report.appDir === DEFAULT_APP_DIR
        ? 'Claimdesk was not rebuilt (`--no-build`: the existing `dist/claimdesk/browser`)'
        : `Claimdesk was not rebuilt: the build in \`${report.appDir}\` was measured (\`--app\`)`;
  return [
    '## UI (`npm run bench:ui`)',
    '',
    `**Result: ${f.pass ? 'PASS' : 'MISS'}.** Search as you type in the 2,000-claim article: ` +
      `keydown → painted p50 ${ms(f.app.painted.p50)} ms, p95 ${ms(f.app.painted.p95)} ms, ` +
      `max ${ms(f.app.painted.max)} ms (target p95 < ${KEY_TARGET_MS} ms); the result reaches the DOM ` +
      `after ${ms(f.app.dom.p50)} ms (p50), ${ms(f.app.dom.p95)} ms (p95). Opening the article takes ` +
      `${ms(f.load.painted.p50)} ms (p50) to a painted table. The initial JavaScript is ` +
      `${kb(report.app.served)} as served (Brotli), ${ratio(report.app.served, report.bare.served)} ` +
      'a bare Angular Material app built in the same run. First visits transfer ' +
      browser.transfers
        .filter((t) => t.goal)
        .map((t) => `${kb(t.body)} (${t.name}, ${passes(t) ? 'PASS' : 'MISS'})`)
        .join(', ') +
      ` against a goal of ${kb(PAGE_GOAL_BYTES)} each.`,
    '',
    '### When and where',
    '',
    `- **Date:** ${date} UTC.`,
    `- **Machine:** ${cpus().length} vCPUs (${cpu}), ${Math.round(totalmem() / 2 ** 30)} GiB RAM, ` +
      'shared with other work: 1-minute load average ' +
      `${report.loadBefore[0].toFixed(1)} before the run, ${report.loadAfter[0].toFixed(1)} after.`,
    `- **Software:** Node ${process.version}, Chromium ${browser.chromium} (headless, ` +
      `\`--disable-gpu\`), Playwright ${packageVersion('playwright-core')}, Angular ` +
      `${packageVersion('@angular/core')}, Angular Material ${packageVersion('@angular/material')}, ` +
      `@angular/build ${packageVersion('@angular/build')}.`,
    `- **Builds:** ${built}, the bare app ${report.bareSeconds.toFixed(0)} s.`,
    '',
    '### Method',
    '',
    `- **Data:** a throwaway SQLite database (the app's migrations and settings) with ` +
      `${seeded.articles} articles and ${seeded.totalClaims.toLocaleString('en')} claims. The ` +
      `article under test, \`${seeded.bigArticleId}\`, has ${BIG_ARTICLE_CLAIMS.toLocaleString('en')} ` +
      `claims in ${seeded.bigArticleText.toLocaleString('en')} characters: the API benchmark's ` +
      'generated articles 0–39 (`server/bench/seed.ts`) joined into one text, their claims moved to ' +
      'the new offsets and checked with `parseArticleFile`. Beside it, ' +
      `\`${seeded.hugeArticleId}\` has 10,000 claims in ` +
      `${seeded.hugeArticleText.toLocaleString('en')} characters, generated articles 0–199 joined ` +
      'the same way; the other 160 articles are generated ' +
      'articles 40–199. Stored with `importArticle`; one `editor` account (`insertUser`, ' +
      `\`hashPassword\`). The project's seed article (\`claims/${SEED_ARTICLE_ID}.json\`) is ` +
      'imported by the server at start from its claims directory, as `npm start` does.',
    '- **Server:** `node --import tsx server/server.ts` on a free port with `CLAIMDESK_DB` set to ' +
      'that database, a `CLAIMDESK_CLAIMS_DIR` holding only the seed article and `LOG_LEVEL=warn`, ' +
      'serving the production build in `dist/claimdesk/browser` (with its .br/.gz copies).',
    `- **Browser:** headless Chromium through Playwright, viewport ${VIEWPORT_SIZE.width}×` +
      `${VIEWPORT_SIZE.height}, signed in through the sign-in page.`,
    `- **Search as you type:** in one tab on \`/articles/${seeded.bigArticleId}\`, ` +
      `${plan.measured.length} keys pressed with \`keyboard.press\` into the search box, ` +
      `${KEY_GAP_MS} ms apart: ${plan.words.map((w) => `"${w}"`).join(', ')} typed letter by ` +
      `letter and deleted with Backspace, after ${plan.warmUp.length} unmeasured keys. The words ` +
      'are prefixes of words in the quotes in which every letter narrows the result, so that every ' +
      'key changes the table. The expected status text ("N of 2000 claims") and first row of each ' +
      "key are computed beforehand with the app's own `applyFilter`. A script installed before the " +
      'app records `performance.now()` in a capturing `keydown` listener on `window`; a ' +
      'MutationObserver records when the status and the first row both show the expected result ' +
      '("DOM"). From there, a `requestAnimationFrame` callback posts a `MessageChannel` task, which ' +
      "runs once that frame's style, layout and paint are done, and requests a second rAF. " +
      '"Painted" is the earlier of the two (headless Chromium sometimes runs the next frame before ' +
      "the posted task). Chrome's own Event Timing (the keydown's interaction, to the next paint, " +
      'in 8 ms steps, reported from 16 ms up) is shown for comparison.',
    '- **Floor:** the same keys on a page holding only an `<input>` whose `input` listener writes ' +
      'a text node, measured the same way in the same browser. Its "painted" time is the wait for ' +
      `the next frame (idle frames came every ${ms(browser.frameInterval.p50)} ms), which any page ` +
      'pays: so the p95 < 16 ms target can only be met by a key that costs almost nothing. ' +
      '"Result in the DOM" shows the work per key without that wait.',
    `- **Opening the article:** ${LOADS} navigations (after one not counted), each in a fresh ` +
      'browser context (cold HTTP cache) carrying the session cookie, from navigation start to the ' +
      'table showing "2000 of 2000 claims" with its rows, and to that frame being painted.',
    '- **The 10,000-claim article:** the seed article and the 10,000-claim article opened ' +
      'in turn, the same way (so that both see the same load; the goal is a ratio); then, in one ' +
      `tab on the 10,000-claim article, ${HUGE_KEYS} keys planned from its own quotes the same ` +
      'way but as words of three to eight letters with a different first letter from the word ' +
      'before, each typed and erased, after one warm-up word that is not counted; the ' +
      '`article mark` elements counted once it is open, after scrolling its text to the middle ' +
      'and after clicking the last row of the table (whose highlight must then be in the ' +
      "text's visible box); the claims list fetched with Node's `http` without, and with, " +
      '`Accept-Encoding: br` and `gzip`, and its encoded size as Chromium received it.',
    `- **Scrolling:** ${SCROLL_JUMPS} jumps each way setting the virtual-scroll viewport's ` +
      '`scrollTop` to the end and back, timed until the last (first) row is rendered and painted; ' +
      `then a scroll from top to bottom by ${SCROLL_STEP_PX} px per frame, recording frame ` +
      'intervals.',
    '- **Bundle:** the entry scripts `index.html` loads (`<script src>`) and every chunk they ' +
      'import statically (`import … from"./chunk-X.js"`, `import"./chunk-X.js"`; not `import()`), ' +
      'followed through every chunk, as `scripts/finish-build.mjs` does for its modulepreload links. ' +
      'Each file raw, gzipped at level 9 with `node:zlib`, and as served: its `.br` copy made at ' +
      'build (Brotli quality 11; files under 1 kB have none and are sent as they are), or, for a ' +
      'build without copies such as the bare app, Brotli computed the same way; summed ' +
      '(kB = 1,000 bytes, as the Angular CLI counts). ' +
      'The baseline is a bare app built in the same run in `bench/ui/.bare/` (deleted afterwards) ' +
      "with the project's Angular CLI, compiler options and production optimisation settings: one " +
      'standalone component with a `MatToolbar` and a `MatButton`, ' +
      '`provideBrowserGlobalErrorListeners()`, no router, store or HTTP client.',
    TRANSFER_METHOD,
    '- **Percentiles** are nearest-rank over the measured samples; "vs" figures divide by the ' +
      'baseline measured in the same run.',
    '',
    '### Results',
    '',
    ...resultTables(report),
    '',
  ].join('\n');
}
