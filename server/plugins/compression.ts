/**
 * Compressed answers for browsers that accept them: Brotli or gzip for API responses over
 * 1 kB (a claims list of 50 claims is 28 kB of JSON, about 5 kB compressed). The
 * dashboard's static files are compressed once at build (scripts/finish-build.mjs) and
 * sent as they are; an answer that already has a content-encoding is left alone, and the
 * event stream writes to the socket itself, so it is never buffered for compression.
 */
import compress from '@fastify/compress';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { constants } from 'node:zlib';

/** Below this, headers outweigh what compression saves. */
export const COMPRESS_MIN_BYTES = 1024;

const compression: FastifyPluginAsync = async (fastify) => {
  await fastify.register(compress, {
    threshold: COMPRESS_MIN_BYTES,
    encodings: ['br', 'gzip'],
    // Quality 4: per-request Brotli within a millisecond for the largest lists, still
    // smaller than gzip's best; the default (11) is for files compressed once.
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
  });
};

export default fp(compression, { name: 'compression' });
