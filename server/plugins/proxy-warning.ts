/**
 * Behind a reverse proxy without TRUST_PROXY, every client shares the proxy's
 * address: the sign-in limits then count all of them as one client, and one
 * person's wrong passwords slow everyone down. The first request that carries
 * X-Forwarded-For while no proxy is trusted logs one warning saying so.
 *
 * Fastify gives a request `ips` only when `trustProxy` is set, so the plugin
 * needs no option of its own.
 */
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

export const UNTRUSTED_PROXY_WARNING =
  'A request carries X-Forwarded-For but TRUST_PROXY is not set: every client behind the proxy ' +
  'shares its address, so sign-in limits count them as one client. Set TRUST_PROXY to the number ' +
  'of proxy hops or to the proxy addresses (see README).';

const proxyWarning: FastifyPluginAsync = async (fastify) => {
  let warned = false;
  // A callback hook: an async one costs every request a promise for a check that is
  // almost always false.
  fastify.addHook('onRequest', (request, _reply, done) => {
    if (warned || request.ips !== undefined || request.headers['x-forwarded-for'] === undefined) {
      done();
      return;
    }
    warned = true;
    fastify.log.warn(
      { peer: request.socket.remoteAddress, forwardedFor: request.headers['x-forwarded-for'] },
      UNTRUSTED_PROXY_WARNING,
    );
    done();
  });
};

export default fp(proxyWarning, { name: 'proxy-warning' });
