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
 * - JSON lines are written asynchronously and in batches: a write once 64 kB of lines are
 *   waiting (about 300 requests), or within 100 ms when it is quiet. One write per line cost
 *   a twentieth of the read rate; each write is a trip to libuv's thread pool (a thread
 *   woken, the write, the event loop woken with its callback), which in batches of 4 kB
 *   still cost about 4% of a read's CPU under load, mostly in those wake-ups. The lines
 *   wait in an array and are joined once per batch (`LineBatches`): sonic-boom's own buffer
 *   appends each line to one string and measures that string's UTF-8 length on every line,
 *   which copies the whole batch again per line. What waits is written out when the
 *   process exits.
 * - A request's JSON line is put together here (`requestLine`), byte for byte the line
 *   pino writes for the same fields (tested): pino's general serialiser, its level and
 *   hook wrappers cost about as much as the rest of the log put together. Any other line,
 *   and a request whose own logger was used, still goes through pino.
 */
import Fastify, {
  type FastifyBaseLogger,
  type FastifyHttpOptions,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import type { Server } from 'node:http';
import pino from 'pino';
import { LineBatches, type LineSink } from './log-batches';
import { PreparedSecurityHeaders } from './plugins/security-headers';
import {
  lineWritingResponse,
  requestIds,
  type RequestSummary,
  TimedRequest,
} from './request-lines';

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

/**
 * Fastify's part of the log: no "incoming request" or "not found" lines (the request's
 * one line says it all), and a request that errors keeps Fastify's own line.
 */
export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {
    // The request's line says all of it.
  }

  override routeNotFound(): void {
    // The request's line says 404.
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    // Called only where a route has onResponse hooks, or for a response that failed: the
    // request's line is written by the response itself (request-lines.ts).
    if (error && !this.isLogDisabled(request)) {
      reply.log.error(
        { method: request.method, url: request.url, statusCode: reply.statusCode, err: error },
        'request errored',
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

/**
 * Fastify's serialisers for the objects it logs (its `logger-pino.js`): its error lines
 * pass the request and the reply as `req` and `res`.
 */
const fastifySerializers: pino.LoggerOptions['serializers'] = {
  req: (request: FastifyRequest) => ({
    method: request.method,
    url: request.url,
    version: request.headers?.['accept-version'],
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  }),
  err: pino.stdSerializers.err,
  res: (reply: FastifyReply) => ({ statusCode: reply.statusCode }),
};

/** The server's logger: JSON lines in batches, or readable lines on a terminal. */
function serverLogger(target: LoggingTarget): pino.Logger {
  const level = target.level ?? 'info';
  if (target.terminal) {
    return pino({
      level,
      hooks: clientLeft,
      serializers: fastifySerializers,
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
    });
  }
  const fd = target.fd ?? 1;
  // sonic-boom writes each batch it is given at once, asynchronously, and keeps what
  // comes while a write is under way; pino.destination also flushes it on exit. In
  // buffer mode it takes Buffers (its types know only strings).
  const stream = new LineBatches(
    pino.destination({ dest: fd, sync: false, contentMode: 'buffer' }) as unknown as LineSink,
    fd,
  );
  return pino({ level, hooks: clientLeft, serializers: fastifySerializers }, stream);
}

/** Writes a request's line: put together here for a file or pipe, through pino on a terminal. */
function requestLineWriter(logger: pino.Logger): (summary: RequestSummary) => void {
  const parent = logger as pino.Logger & Record<symbol, unknown>;
  const stream = parent[streamSym];
  if (stream instanceof LineBatches) {
    const bindings = parent[chindingsSym] as string;
    return (summary) => {
      // At pino's level check: LOG_LEVEL=warn writes no request lines.
      if (parent.isLevelEnabled('info')) {
        stream.write(
          requestLine(
            bindings,
            Date.now(),
            summary.reqId,
            summary.method,
            summary.url,
            summary.statusCode,
            summary.ms,
          ),
        );
      }
    };
  }
  return (summary) => logger.info({ ...summary }, 'request');
}

/**
 * A Fastify server as `npm run server` runs it, with `options` beside its logging. Fastify
 * itself runs without a logger, which spares every request the two response listeners
 * and the completion hook it adds for its own lines; the server's `log` is then set to
 * the logger made here, each request's `request.log` is a RequestLogger on it (with the
 * request's `reqId`), and the request's line is written by the HTTP server's response
 * (request-lines.ts), which also writes the security headers prepared once at start
 * (plugins/security-headers.ts).
 */
export function loggedFastify(
  target: LoggingTarget,
  options: Omit<FastifyHttpOptions<Server>, 'logger' | 'loggerInstance'> = {},
): FastifyInstance {
  const logger = serverLogger(target);
  const server = Fastify<Server>({
    ...options,
    http: {
      ...options.http,
      IncomingMessage: TimedRequest,
      ServerResponse: lineWritingResponse(requestLineWriter(logger), new PreparedSecurityHeaders()),
    },
    genReqId: requestIds(),
    logController: new OneLinePerRequest(),
    // Fastify hands a request's factory its own (null) logger: the real one is this.
    childLoggerFactory: (_nullLogger, bindings, childOptions) =>
      new RequestLogger(logger, bindings, childOptions),
  });
  server.log = logger;
  return server;
}
