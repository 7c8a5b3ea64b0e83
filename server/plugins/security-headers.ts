/**
 * Security headers on every answer (dashboard pages, static files, API, errors),
 * by `@fastify/helmet`: a Content-Security-Policy that runs scripts only from the
 * app itself (no inline script, no eval), forbids framing, and keeps requests on
 * this origin; `X-Content-Type-Options: nosniff`; `Referrer-Policy: same-origin`.
 *
 * The dashboard is built without Angular's critical-CSS inlining (angular.json),
 * whose `onload` handler would be an inline script. Styles may be inline: Angular
 * and Angular Material add component styles as <style> elements at run time.
 * A route may set a stricter policy of its own (the print report does).
 */
import helmet from '@fastify/helmet';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

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

const securityHeaders: FastifyPluginAsync = async (fastify) => {
  await fastify.register(helmet, {
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    referrerPolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
    // Plain HTTP on a newsroom network is a supported set-up: no HTTPS pinning from here.
    strictTransportSecurity: false,
  });
};

export default fp(securityHeaders, { name: 'security-headers' });
