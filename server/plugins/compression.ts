/**
 * Compressed answers for browsers that accept them: Brotli or gzip for API responses over
 * 1 kB (a claims list of 50 claims is 28 kB of JSON, about 5 kB compressed). The
 * dashboard's static files are compressed once at build (scripts/finish-build.mjs) and
 * sent as they are; the claims list keeps its compressed copies beside its cached JSON
 * (routes/claim-list-cache.ts) and sends them as they are. An answer that already has a
 * content-encoding is left alone, and the event stream writes to the socket itself, so it
 * is never buffered for compression.
 */
import compress from '@fastify/compress';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { type BrotliOptions, constants, type ZlibOptions } from 'node:zlib';

/** Below this, headers outweigh what compression saves. */
export const COMPRESS_MIN_BYTES = 1024;

/** In order of preference at equal quality. */
export const COMPRESS_ENCODINGS = ['br', 'gzip'] as const;
export type CompressEncoding = (typeof COMPRESS_ENCODINGS)[number];

/**
 * Quality 4: per-request Brotli within a millisecond for the largest lists, still smaller
 * than gzip's best; the default (11) is for files compressed once at build.
 */
export const BROTLI_OPTIONS: BrotliOptions = {
  params: { [constants.BROTLI_PARAM_QUALITY]: 4 },
};
export const GZIP_OPTIONS: ZlibOptions = { level: 6 };

const compression: FastifyPluginAsync = async (fastify) => {
  await fastify.register(compress, {
    threshold: COMPRESS_MIN_BYTES,
    encodings: [...COMPRESS_ENCODINGS],
    brotliOptions: BROTLI_OPTIONS,
    zlibOptions: GZIP_OPTIONS,
  });
};

export default fp(compression, { name: 'compression' });
