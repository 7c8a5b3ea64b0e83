// Compresses the built dashboard once, at build time: a Brotli (.br) and a gzip (.gz)
// copy beside each text file, which the server sends as they are to browsers that accept
// them (@fastify/static's preCompressed), so that no request compresses a static file.
// `npm run build` runs it after `ng build`; it also works as `node scripts/compress-dist.mjs DIR`.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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
