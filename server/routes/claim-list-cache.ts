/**
 * The claims list per article, the dashboard's hottest read, kept as the bytes it is sent
 * as: the JSON once, and each compressed copy (Brotli, gzip) made once, the first time a
 * browser asks for it, instead of compressing the same 28 kB on every request.
 *
 * Every committed change publishes an event with its article, which drops the article's
 * entry with every copy of it; a generation counter keeps a read that started before a
 * change from storing what it read after the drop. A compressed copy belongs to its entry,
 * so none outlives the list it was made from.
 */
import { negotiate } from '@fastify/accept-negotiator';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { promisify } from 'node:util';
import { brotliCompress, gzip } from 'node:zlib';
import {
  BROTLI_OPTIONS,
  COMPRESS_MIN_BYTES,
  COMPRESS_ENCODINGS,
  type CompressEncoding,
  GZIP_OPTIONS,
} from '../plugins/compression';
import { ProblemError } from '../plugins/problems';

const compressors: Record<CompressEncoding, (body: Buffer) => Promise<Buffer>> = {
  // On the thread pool: a list of 10,000 claims takes a while, and the event loop goes on.
  br: (body) => promisify(brotliCompress)(body, BROTLI_OPTIONS),
  gzip: (body) => promisify(gzip)(body, GZIP_OPTIONS),
};

/** Compressed copies made in this process, by encoding: tests count them. */
export const compressionsMade: Record<CompressEncoding, number> = { br: 0, gzip: 0 };

/** One version of one article's list. */
export class ClaimList {
  private readonly ready = new Map<CompressEncoding, Buffer>();
  private readonly pending = new Map<CompressEncoding, Promise<Buffer>>();

  constructor(
    /** The JSON as UTF-8. */
    readonly body: Buffer,
  ) {}

  /** The list compressed with `encoding`: made on the first call, the same bytes after. */
  encoded(encoding: CompressEncoding): Buffer | Promise<Buffer> {
    const done = this.ready.get(encoding);
    if (done) {
      return done;
    }
    let making = this.pending.get(encoding);
    if (!making) {
      compressionsMade[encoding] += 1;
      making = compressors[encoding](this.body).then((bytes) => {
        this.ready.set(encoding, bytes);
        this.pending.delete(encoding);
        return bytes;
      });
      // A failure is the caller's; the next request tries again.
      making.catch(() => this.pending.delete(encoding));
      this.pending.set(encoding, making);
    }
    return making;
  }
}

export class ClaimListCache {
  private readonly lists = new Map<string, ClaimList>();
  private readonly generations = new Map<string, number>();
  /** Reads in progress: requests that come meanwhile wait for the same one. */
  private readonly loading = new Map<string, Promise<ClaimList | null>>();

  generation(articleId: string): number {
    return this.generations.get(articleId) ?? 0;
  }

  get(articleId: string): ClaimList | undefined {
    return this.lists.get(articleId);
  }

  /**
   * The article's list: the kept one, or the one being read, or read now by `load` (which
   * gives the JSON, or null when there is no such article).
   */
  read(articleId: string, load: () => Promise<string | null>): Promise<ClaimList | null> {
    const kept = this.lists.get(articleId);
    if (kept) {
      return Promise.resolve(kept);
    }
    let reading = this.loading.get(articleId);
    if (!reading) {
      const generation = this.generation(articleId);
      const done = () => {
        if (this.loading.get(articleId) === reading) {
          this.loading.delete(articleId);
        }
      };
      reading = load().then(
        (json) => {
          done();
          return json === null ? null : this.store(articleId, generation, json);
        },
        (error: unknown) => {
          done();
          throw error;
        },
      );
      this.loading.set(articleId, reading);
    }
    return reading;
  }

  /** The list read at `generation`, kept unless a change came in between. */
  store(articleId: string, generation: number, json: string): ClaimList {
    const list = new ClaimList(Buffer.from(json));
    if (this.generation(articleId) === generation) {
      this.lists.set(articleId, list);
    }
    return list;
  }

  invalidate(articleId: string): void {
    this.generations.set(articleId, this.generation(articleId) + 1);
    this.lists.delete(articleId);
    // A read in progress may have read before the change: later requests read again.
    this.loading.delete(articleId);
  }
}

/** Accept-Encoding headers seen, with what they choose: browsers send a handful. */
const negotiated = new Map<string, CompressEncoding | null>();
const NEGOTIATED_KEPT = 64;

/**
 * The encoding to send, as @fastify/compress chooses it: `*` and `x-gzip` read as gzip,
 * Brotli first at equal quality; null for none (no header, identity, nothing we offer).
 */
export function chooseEncoding(header: string | undefined): CompressEncoding | null {
  if (header === undefined) {
    return null;
  }
  let choice = negotiated.get(header);
  if (choice === undefined) {
    const found = negotiate(header.toLowerCase().replace(/\*|x-gzip/gu, 'gzip'), [
      ...COMPRESS_ENCODINGS,
    ]);
    choice = found === 'br' || found === 'gzip' ? found : null;
    if (negotiated.size < NEGOTIATED_KEPT) {
      negotiated.set(header, choice);
    }
  }
  return choice;
}

/**
 * Sends `list` as the request accepts it, with the headers a cache between needs. Sets
 * Content-Encoding itself, so that the compression plugin leaves the answer alone.
 * Synchronous (undefined) when the bytes are at hand, as they are for every read after
 * the first: a route that returns nothing has answered, and skips the promise, its
 * microtasks and Fastify's wait for the answer to finish that `return reply` costs.
 * A promise only while a compressed copy is being made.
 */
export function sendClaimList(
  reply: FastifyReply,
  list: ClaimList,
  headers: { 'accept-encoding'?: string; 'x-no-compression'?: string | string[] },
): Promise<void> | undefined {
  reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
  const encoding =
    list.body.length >= COMPRESS_MIN_BYTES && headers['x-no-compression'] === undefined
      ? chooseEncoding(headers['accept-encoding'])
      : null;
  if (encoding === null) {
    reply.send(list.body);
    return undefined;
  }
  const bytes = list.encoded(encoding);
  if (Buffer.isBuffer(bytes)) {
    reply.header('content-encoding', encoding).send(bytes);
    return undefined;
  }
  return bytes.then((made) => {
    reply.header('content-encoding', encoding).send(made);
  });
}

/** A cache of the app's lists, each article's entry dropped by every change to the article. */
export function watchedClaimListCache(app: FastifyInstance): ClaimListCache {
  const cache = new ClaimListCache();
  const unsubscribe = app.changes.onCommitted((event) => {
    if (event.articleId) {
      cache.invalidate(event.articleId);
    }
  });
  app.addHook('onClose', async () => unsubscribe());
  return cache;
}

/**
 * Answers a GET of an article's list from `cache`: at once when it is kept, else once
 * `load` has read it (its JSON, or null when there is no such article: a 404).
 */
export function answerClaimList(
  cache: ClaimListCache,
  request: FastifyRequest<{ Params: { id: string } }>,
  reply: FastifyReply,
  load: (articleId: string) => Promise<string | null>,
): Promise<void> | undefined {
  const articleId = request.params.id;
  const kept = cache.get(articleId);
  if (kept) {
    return sendClaimList(reply, kept, request.headers);
  }
  return cache
    .read(articleId, () => load(articleId))
    .then((list) => {
      if (list === null) {
        throw new ProblemError({
          title: 'Not found',
          status: 404,
          detail: `Article ${articleId} does not exist.`,
        });
      }
      return sendClaimList(reply, list, request.headers);
    });
}
