/**
 * The app's one onRequest hook: the proxy warning, the security headers and the session
 * gate, in that order, on every request. Fastify runs each hook through its hook runner
 * (a call and a closure per hook and request): these were three hooks of their own, and
 * the cookie plugin's parsing a fourth, on the hottest reads.
 */
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { untrustedProxyCheck } from './proxy-warning';
import { securityHeaderWriter } from './security-headers';

const onRequest: FastifyPluginAsync = async (app) => {
  const checkProxy = untrustedProxyCheck(app.log);
  const writeSecurityHeaders = securityHeaderWriter();
  const gate = app.sessionGate;
  // A callback hook: an async one costs every request a promise.
  app.addHook('onRequest', (request, reply, done) => {
    checkProxy(request);
    writeSecurityHeaders(reply);
    gate(request, reply, done);
  });
};

export default fp(onRequest, { name: 'on-request', dependencies: ['auth'] });
