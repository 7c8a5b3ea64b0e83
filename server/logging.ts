/**
 * How the server logs, one definition for `npm run server` and `npm run bench:api`, so
 * that the benchmark measures the server as people run it.
 *
 * - One line per request (Fastify's default is two, "incoming request" and "request
 *   completed", each serialising the request): method, URL, status and time.
 * - JSON lines (pino's own format, for a log collector) when the output is a file or a
 *   pipe; human-readable lines (pino-pretty) when it is a terminal, as under `npm start`.
 * - JSON lines are written asynchronously and in batches: a write once 4 kB of lines are
 *   waiting (about 30 requests), or within 100 ms when it is quiet. One write per line cost
 *   a twentieth of the read rate. pino flushes what is buffered when the process exits.
 */
import {
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  LogController,
} from 'fastify';
import pino from 'pino';

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
    const line = {
      method: request.method,
      url: request.url,
      statusCode: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (error) {
      reply.log.error({ ...line, err: error }, 'request errored');
    } else {
      reply.log.info(line, 'request');
    }
  }
}

/** Lines are written once this many bytes wait… */
export const LOG_BATCH_BYTES = 4096;
/** …or after this long, whichever comes first. */
export const LOG_FLUSH_MS = 100;

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
    const [first] = args as unknown[];
    if (level >= 50 && first instanceof Error && first.message === 'premature close') {
      return this.debug(...(args as Parameters<pino.LogFn>));
    }
    return method.apply(this, args);
  },
};

export function serverLogging(
  target: LoggingTarget,
): Pick<FastifyServerOptions, 'logger' | 'logController'> {
  const level = target.level ?? 'info';
  const logController = new OneLinePerRequest();
  if (target.terminal) {
    return {
      logController,
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
  return {
    logController,
    logger: {
      level,
      hooks: clientLeft,
      stream: pino.destination({
        dest: target.fd ?? 1,
        sync: false,
        minLength: LOG_BATCH_BYTES,
        periodicFlush: LOG_FLUSH_MS,
      }),
    },
  };
}
