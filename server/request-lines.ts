/**
 * A request's log line, written by the HTTP server's own request and response objects
 * (Node's `IncomingMessage` and `ServerResponse` options): the request notes when it
 * came and its id; the response writes the line when the answer is handed to the
 * socket (`end`). The response also writes the security headers, prepared once
 * (plugins/security-headers.ts). Fastify's per-request logging (a 'finish' and an 'error' listener on
 * every response, and its hook to log on completion) is then not needed: the server runs
 * without Fastify's logger, so none of that runs, and the line costs one call.
 *
 * Requests made with `inject` (tests) use light-my-request's objects: they get an id,
 * but no line.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { PreparedSecurityHeaders, SECURITY_HEADERS_IN_HEAD } from './plugins/security-headers';

/** What a request's line says. */
export interface RequestSummary {
  readonly reqId: string;
  readonly method: string;
  readonly url: string;
  readonly statusCode: number;
  /** From the request's headers read to the answer handed to the socket, 0.1 ms steps. */
  readonly ms: number;
}

/** A request that knows when it came and, once Fastify asked for it, its id. */
export class TimedRequest extends IncomingMessage {
  readonly startedAt = performance.now();
  requestId: string | undefined = undefined;
}

/**
 * Request ids as Fastify makes them (`req-1`, `req-2`, … in base 36, wrapping at 2^31),
 * kept on the request for its line.
 */
export function requestIds(): (request: IncomingMessage) => string {
  let next = 0;
  return (request) => {
    next = (next + 1) & 0x7fffffff;
    const id = `req-${next.toString(36)}`;
    if (request instanceof TimedRequest) {
      request.requestId = id;
    }
    return id;
  };
}

declare module 'node:http' {
  interface OutgoingMessage {
    /** Node's: writes the head of the message, `firstLine` and `headers`, into its buffer. */
    _storeHeader(firstLine: string, headers: unknown): void;
  }
}

/**
 * A ServerResponse class that hands each answer's summary to `write`, once, and puts the
 * prepared security headers in every answer's head.
 */
export function lineWritingResponse(
  write: (summary: RequestSummary) => void,
  securityHeaders: PreparedSecurityHeaders,
): typeof ServerResponse {
  // Node makes it with the server's IncomingMessage class: TimedRequest, beside this one.
  return class LineWritingResponse extends ServerResponse<TimedRequest> {
    private written = false;

    readonly [SECURITY_HEADERS_IN_HEAD] = true;

    override _storeHeader(firstLine: string, headers: unknown): void {
      super._storeHeader(firstLine + securityHeaders.linesBeside(headers), headers);
    }

    override end(chunk?: unknown, encoding?: unknown, callback?: unknown): this {
      super.end(chunk as never, encoding as never, callback as never);
      if (!this.written) {
        this.written = true;
        const request = this.req;
        write({
          reqId: request.requestId ?? '',
          method: request.method ?? '',
          url: request.url ?? '',
          statusCode: this.statusCode,
          ms: Math.round((performance.now() - request.startedAt) * 10) / 10,
        });
      }
      return this;
    }
  } as typeof ServerResponse;
}
