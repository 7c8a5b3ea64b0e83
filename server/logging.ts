/**
 * How the server logs, one definition for `npm run server` and `npm run bench:api`, so
 * that the benchmark measures the server as people run it.
 *
 * - One line per request (Fastify's default is two, "incoming request" and "request
 *   completed", each serialising the request): method, URL, status and time.
 * - `request.log` is made when a request first logs through it (RequestLogger): Fastify
 *   makes a pino child per request, which most requests never use, as their one line goes
 *   out through the parent with the same `reqId`.
 * - JSON lines (pino's own format, for a log collector) when the output is a file or a
 *   pipe; human-readable lines (pino-pretty) when it is a terminal, as under `npm start`.
 * - JSON lines are written asynchronously and in batches: a write once 4 kB of lines are
 *   waiting (about 30 requests), or within 100 ms when it is quiet. One write per line cost
 *   a twentieth of the read rate. The lines wait in an array and are joined once per batch
 *   (`LineBatches`): sonic-boom's own buffer appends each line to one string and measures
 *   that string's UTF-8 length on every line, which copies the whole batch again per line.
 *   What waits is written out when the process exits.
 * - A request's JSON line is put together here (`requestLine`), byte for byte the line
 *   pino writes for the same fields (tested): pino's general serialiser, its level and
 *   hook wrappers cost about as much as the rest of the log put together. Any other line,
 *   and a request whose own logger was used, still goes through pino.
 */
import {
  type FastifyBaseLogger,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  LogController,
} from 'fastify';
import pino from 'pino';
import { LineBatches, type LineSink } from './log-batches';

const { chindingsSym, streamSym } = pino.symbols;
const INFO = 30;

/**
 * A request's line as pino writes `logger.info({ reqId, method, url, statusCode, ms },
 * 'request')` with serverLogging's options (epoch time, no formatters, mixin or prefix):
 * `bindings` is pino's serialised bindings (`,"pid":…,"hostname":"…"`).
 */
export function requestLine(
  bindings: string,
  time: number,
  reqId: string,
  method: string,
  url: string,
  statusCode: number,
  ms: number,
): string {
  return (
    `{"level":${INFO},"time":${time}${bindings},"reqId":${JSON.stringify(reqId)},` +
    `"method":${JSON.stringify(method)},"url":${JSON.stringify(url)},` +
    `"statusCode":${statusCode},"ms":${JSON.stringify(ms)},"msg":"request"}\n`
  );
}

/** Logs each request once, when it completes; errors keep Fastify's own lines. */
export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {
    // The completion line says all of it.
  }

  override routeNotFound(): void {
    // The completion line says 404.
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) {
      return;
    }
    const ms = Math.round(reply.elapsedTime * 10) / 10;
    const log = reply.log;
    if (error) {
      log.error(
        { method: request.method, url: request.url, statusCode: reply.statusCode, ms, err: error },
        'request errored',
      );
    } else if (log instanceof RequestLogger && !log.used) {
      const parent = log.parent as pino.Logger & Record<symbol, unknown>;
      const stream = parent[streamSym];
      if (stream instanceof LineBatches) {
        // JSON lines to a file or pipe: the line made here, at pino's level check.
        if (parent.isLevelEnabled('info')) {
          stream.write(
            requestLine(
              parent[chindingsSym] as string,
              Date.now(),
              request.id,
              request.method,
              request.url,
              reply.statusCode,
              ms,
            ),
          );
        }
        return;
      }
      // The same line as the child would write: its `reqId` comes first either way.
      log.parent.info(
        {
          reqId: request.id,
          method: request.method,
          url: request.url,
          statusCode: reply.statusCode,
          ms,
        },
        'request',
      );
    } else {
      log.info(
        { method: request.method, url: request.url, statusCode: reply.statusCode, ms },
        'request',
      );
    }
  }
}

type ChildOptions = Parameters<FastifyBaseLogger['child']>[1];
type LevelName = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/**
 * A request's logger: the pino child with the request's bindings (`reqId`), made on first
 * use. Making it costs about a microsecond, on every request, for a logger that only a
 * request with something to say (an error) uses.
 */
export class RequestLogger implements FastifyBaseLogger {
  private made: FastifyBaseLogger | undefined;

  constructor(
    readonly parent: FastifyBaseLogger,
    private readonly bindings: Record<string, unknown>,
    private readonly options: ChildOptions,
  ) {}

  /** Whether the child was made: lines written through it carry its bindings. */
  get used(): boolean {
    return this.made !== undefined;
  }

  private get child_(): FastifyBaseLogger {
    return (this.made ??= this.parent.child(this.bindings, this.options));
  }

  get level(): string {
    return this.made?.level ?? this.options?.level ?? this.parent.level;
  }

  set level(level: string) {
    this.child_.level = level;
  }

  private write(level: LevelName, args: unknown[]): void {
    (this.child_ as unknown as Record<LevelName, (...a: unknown[]) => void>)[level](...args);
  }

  // Methods on the prototype, not arrow fields: a logger is made per request.
  fatal(...args: unknown[]): void {
    this.write('fatal', args);
  }
  error(...args: unknown[]): void {
    this.write('error', args);
  }
  warn(...args: unknown[]): void {
    this.write('warn', args);
  }
  info(...args: unknown[]): void {
    this.write('info', args);
  }
  debug(...args: unknown[]): void {
    this.write('debug', args);
  }
  trace(...args: unknown[]): void {
    this.write('trace', args);
  }
  silent(...args: unknown[]): void {
    this.write('silent', args);
  }

  child(bindings: Record<string, unknown>, options?: ChildOptions): FastifyBaseLogger {
    return this.child_.child(bindings, options);
  }
}

/** Fastify's childLoggerFactory: a RequestLogger instead of a pino child. */
function lazyChild(
  logger: FastifyBaseLogger,
  bindings: Record<string, unknown>,
  options: ChildOptions,
): FastifyBaseLogger {
  return new RequestLogger(logger, bindings, options);
}

export interface LoggingTarget {
  /** Whether the output is a terminal (`process.stdout.isTTY`). */
  readonly terminal: boolean;
  /** LOG_LEVEL, `info` unless set. */
  readonly level?: string;
  /** File descriptor for JSON lines; 1 (stdout) unless given. */
  readonly fd?: number;
}

/**
 * A client that leaves before its answer is sent is not a server error, but
 * @fastify/compress logs the broken pipe of a compressed answer ("premature close") as
 * one: such lines go out at debug level instead, so that the error level stays for errors.
 */
const clientLeft: pino.LoggerOptions['hooks'] = {
  logMethod(args, method, level) {
    // Every line passes here: the level first, so that a request's line costs one comparison.
    if (level >= 50) {
      const first = (args as unknown[])[0];
      if (first instanceof Error && first.message === 'premature close') {
        return this.debug(...(args as Parameters<pino.LogFn>));
      }
    }
    return method.apply(this, args);
  },
};

export function serverLogging(
  target: LoggingTarget,
): Pick<FastifyServerOptions, 'logger' | 'logController' | 'childLoggerFactory'> {
  const level = target.level ?? 'info';
  const logController = new OneLinePerRequest();
  if (target.terminal) {
    return {
      logController,
      childLoggerFactory: lazyChild,
      logger: {
        level,
        hooks: clientLeft,
        transport: {
          target: 'pino-pretty',
          options: {
            translateTime: 'SYS:HH:MM:ss',
            // A request reads "request GET /api/claims 200 3.2 ms".
            messageFormat: '{msg}{if method} {method} {url} {statusCode} {ms} ms{end}',
            ignore: 'pid,hostname,reqId,method,url,statusCode,ms',
            singleLine: true,
          },
        },
      },
    };
  }
  const fd = target.fd ?? 1;
  return {
    logController,
    childLoggerFactory: lazyChild,
    logger: {
      level,
      hooks: clientLeft,
      // sonic-boom writes each batch it is given at once, asynchronously, and keeps what
      // comes while a write is under way; pino.destination also flushes it on exit. In
      // buffer mode it takes Buffers (its types know only strings).
      stream: new LineBatches(
        pino.destination({ dest: fd, sync: false, contentMode: 'buffer' }) as unknown as LineSink,
        fd,
      ),
    },
  };
}
