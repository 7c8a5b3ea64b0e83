/**
 * How the built dashboard's files are served: what browsers may cache, and for how long.
 *
 * - Files whose names carry a content hash (`main-VUWXMPM7.js`, `media/roboto-…-6JW3Q6UL.woff2`)
 *   never change under their name: cached for a year, `immutable` (no revalidation on reload).
 * - Everything else, `index.html` above all, names the current hashed files: `no-cache`, so
 *   browsers revalidate it and pick up a new build at once.
 * - Brotli and gzip copies made at build (scripts/finish-build.mjs) are sent to browsers that
 *   accept them (`vary: accept-encoding`, so that shared caches keep the copies apart).
 */
import type { FastifyStaticOptions } from '@fastify/static';

/**
 * Angular's output names: a dash and an 8-character base-32 hash before the extension
 * (`main-VUWXMPM7.js`, media); and the lazy chunks that the chunk optimizer (`npm run build`'s
 * NG_BUILD_OPTIMIZE_CHUNKS, rolldown) writes as `chunk-` and an 8-character base64url hash,
 * which may hold lower case, `_` and `-` (`chunk-2N-OYNy9.js`).
 */
const HASHED_NAME = /(?:-[A-Z0-9]{8}|(?:^|\/)chunk-[\w-]{8})\.[a-z0-9]+(\.br|\.gz)?$/;

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

export function cacheControlFor(path: string): string {
  return HASHED_NAME.test(path) ? IMMUTABLE : REVALIDATE;
}

export function dashboardFilesOptions(root: string): FastifyStaticOptions {
  return {
    root,
    wildcard: false,
    index: 'index.html',
    preCompressed: true,
    cacheControl: false,
    setHeaders: (response, path) => {
      response.setHeader('cache-control', cacheControlFor(path));
      // The same URL answers in Brotli, gzip or plain: shared caches must keep them apart.
      response.setHeader('vary', 'accept-encoding');
    },
  };
}
