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
import type { IncomingMessage, ServerResponse } from 'node:http';
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

/** Sets the security headers on a reply (prepared once, at start). */
export function securityHeaderWriter(
  headers: Readonly<Record<string, string>> = helmetHeaders(OPTIONS),
): (reply: FastifyReply) => void {
  return (reply) => {
    reply.headers(headers);
  };
}
