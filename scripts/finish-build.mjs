// Finishes the dashboard's build; `npm run build` runs it after `ng build` (also as
// `node scripts/finish-build.mjs DIR`):
// 1. Preloads every chunk that `main` imports statically, directly or through another chunk.
//    Angular writes at most ten modulepreload links; the rest were found only after the
//    chunk importing them had arrived, one round trip each, before the first render.
// 2. Compresses the build once: a Brotli (.br) and a gzip (.gz) copy beside each text file,
//    which the server sends as they are to browsers that accept them (@fastify/static's
//    preCompressed), so that no request compresses a static file.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = new URL('..', import.meta.url).pathname;
const dir = process.argv[2] ?? join(root, 'dist/claimdesk/browser');
/** Text formats only: fonts (woff2) and images are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|json|svg|txt|map|webmanifest)$/;
/** Below this, headers outweigh what compression saves (the JSON threshold too). */
const MIN_BYTES = 1024;

function* files(path) {
  for (const name of readdirSync(path)) {
    const full = join(path, name);
    if (statSync(full).isDirectory()) {
      yield* files(full);
    } else if (COMPRESSIBLE.test(name)) {
      yield full;
    }
  }
}

/** The chunks a module imports statically (`import … from"./chunk-X.js"`), not `import()`. */
function staticImports(file) {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/(?:from|import)\s*"\.\/([\w-]+\.js)"/g)].map((match) => match[1]);
}

function preloadStaticImports() {
  const indexFile = join(dir, 'index.html');
  if (!existsSync(indexFile)) {
    return;
  }
  let html = readFileSync(indexFile, 'utf8');
  const entries = [...html.matchAll(/<script src="([\w-]+\.js)" type="module">/g)].map((m) => m[1]);
  const needed = new Set();
  const queue = [...entries];
  while (queue.length > 0) {
    for (const chunk of staticImports(join(dir, queue.shift()))) {
      if (!needed.has(chunk)) {
        needed.add(chunk);
        queue.push(chunk);
      }
    }
  }
  const missing = [...needed].filter((chunk) => !html.includes(`href="${chunk}"`));
  if (missing.length > 0) {
    const links = missing.map((chunk) => `<link rel="modulepreload" href="${chunk}">`).join('');
    html = html.replace(/<script src="[\w-]+\.js" type="module">/, (script) => links + script);
    writeFileSync(indexFile, html);
  }
  console.log(`Preloading ${needed.size} statically imported chunks (${missing.length} added)`);
}

preloadStaticImports();

let count = 0;
let before = 0;
let after = 0;
for (const file of files(dir)) {
  const content = readFileSync(file);
  if (content.length < MIN_BYTES) {
    continue;
  }
  const br = brotliCompressSync(content, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
    },
  });
  writeFileSync(`${file}.br`, br);
  writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
  count += 1;
  before += content.length;
  after += br.length;
}
console.log(
  `Compressed ${count} files in ${dir}: ${(before / 1024).toFixed(0)} kB -> ${(after / 1024).toFixed(0)} kB (Brotli)`,
);
