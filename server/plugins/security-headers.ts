/**
 * Security headers on every answer (dashboard pages, static files, API, errors), as
 * `helmet` makes them: a Content-Security-Policy that runs scripts only from the app
 * itself (no inline script, no eval), forbids framing, and keeps requests on this
 * origin; `X-Content-Type-Options: nosniff`; `Referrer-Policy: same-origin`.
 *
 * The headers are the same on every answer, so they are worked out once at start:
 * @fastify/helmet built helmet's middleware again for each request, parsing the policy
 * each time, which cost about a tenth of the claims list's read rate. They are set by
 * the app's one onRequest hook (on-request.ts).
 *
 * The dashboard is built without Angular's critical-CSS inlining (angular.json),
 * whose `onload` handler would be an inline script. Styles may be inline: Angular
 * and Angular Material add component styles as <style> elements at run time.
 * A route may set a stricter policy of its own (the print report does).
 */
import {
  type IncomingMessage,
  type ServerResponse,
  validateHeaderName,
  validateHeaderValue,
} from 'node:http';
import type { FastifyReply } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

export const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

const OPTIONS: HelmetOptions = {
  contentSecurityPolicy: CONTENT_SECURITY_POLICY,
  referrerPolicy: { policy: 'same-origin' },
  xFrameOptions: { action: 'deny' },
  // Plain HTTP on a newsroom network is a supported set-up: no HTTPS pinning from here.
  strictTransportSecurity: false,
};

/** The headers helmet sets with `options`, by name in lower case. */
export function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let finished = false;
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error) => {
    if (error) {
      throw error instanceof Error ? error : new Error(String(error));
    }
    finished = true;
  });
  if (!finished) {
    throw new Error('helmet did not set its headers synchronously');
  }
  return headers;
}

/**
 * Set on the HTTP server's response class when it writes the headers itself (see
 * PreparedSecurityHeaders): the onRequest hook then leaves them to it.
 */
export const SECURITY_HEADERS_IN_HEAD: unique symbol = Symbol('claimdesk.securityHeadersInHead');

/** Sets the security headers on a reply (prepared once, at start), unless its response writes them. */
export function securityHeaderWriter(
  headers: Readonly<Record<string, string>> = helmetHeaders(OPTIONS),
): (reply: FastifyReply) => void {
  return (reply) => {
    if (
      (reply.raw as { [SECURITY_HEADERS_IN_HEAD]?: boolean })[SECURITY_HEADERS_IN_HEAD] !== true
    ) {
      reply.headers(headers);
    }
  };
}

/**
 * The security headers as header lines, checked once and joined once at start, for the
 * HTTP server's response to put in every answer's head (request-lines.ts). Set one by one
 * on every reply, Fastify stored eleven headers and Node checked each name and value with
 * two regular expressions as it wrote them: about a tenth of the claims list's read.
 * A header the answer sets itself (the print report's stricter policy) wins over the
 * prepared one, as when the hook set them first and the route after.
 */
export class PreparedSecurityHeaders {
  private readonly all: string;
  private readonly names: ReadonlySet<string>;

  constructor(private readonly headers: Readonly<Record<string, string>> = helmetHeaders(OPTIONS)) {
    for (const [name, value] of Object.entries(headers)) {
      validateHeaderName(name);
      validateHeaderValue(name, value);
    }
    this.names = new Set(Object.keys(headers));
    this.all = PreparedSecurityHeaders.lines(Object.entries(headers));
  }

  private static lines(entries: [string, string][]): string {
    return entries.map(([name, value]) => `${name}: ${value}\r\n`).join('');
  }

  /**
   * The lines for an answer whose own headers are `own`, as Node's response holds them
   * when it writes the head: an object by lower-case name (Fastify's, or Node's own
   * store), or a list of pairs.
   */
  linesBeside(own: unknown): string {
    if (own === null || typeof own !== 'object') {
      return this.all;
    }
    let names: string[] | undefined;
    if (Array.isArray(own)) {
      names = own.flatMap((entry: unknown, i) =>
        Array.isArray(entry) ? [String(entry[0])] : i % 2 === 0 ? [String(entry)] : [],
      );
    } else {
      for (const name in own) {
        if (this.names.has(name)) {
          names = Object.keys(own);
          break;
        }
      }
    }
    if (names === undefined) {
      return this.all;
    }
    const taken = new Set(names.map((name) => name.toLowerCase()));
    return PreparedSecurityHeaders.lines(
      Object.entries(this.headers).filter(([name]) => !taken.has(name)),
    );
  }
}
