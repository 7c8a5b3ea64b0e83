/**
 * Behind a reverse proxy without TRUST_PROXY, every client shares the proxy's
 * address: the sign-in limits then count all of them as one client, and one
 * person's wrong passwords slow everyone down. The first request that carries
 * X-Forwarded-For while no proxy is trusted logs one warning saying so.
 *
 * Fastify gives a request `ips` only when `trustProxy` is set, so the plugin
 * needs no option of its own.
 */
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';

export const UNTRUSTED_PROXY_WARNING =
  'A request carries X-Forwarded-For but TRUST_PROXY is not set: every client behind the proxy ' +
  'shares its address, so sign-in limits count them as one client. Set TRUST_PROXY to the number ' +
  'of proxy hops or to the proxy addresses (see README).';

/**
 * The proxy check of the app's one onRequest hook (on-request.ts): warns once, at the
 * first request that carries X-Forwarded-For while no proxy is trusted.
 */
export function untrustedProxyCheck(log: FastifyBaseLogger): (request: FastifyRequest) => void {
  let warned = false;
  return (request) => {
    if (warned || request.ips !== undefined || request.headers['x-forwarded-for'] === undefined) {
      return;
    }
    warned = true;
    log.warn(
      { peer: request.socket.remoteAddress, forwardedFor: request.headers['x-forwarded-for'] },
      UNTRUSTED_PROXY_WARNING,
    );
  };
}
