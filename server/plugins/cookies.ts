/**
 * Cookies, read and set with @fastify/cookie's parser and serialiser (the `cookie` library),
 * without the plugin's onSend hook. The plugin keeps the cookies a route sets in a Map per
 * reply and writes them from an onSend hook that it adds to every route: a hook run on every
 * answer of the app, and two more fields on every reply, when only sign-in and sign-out set
 * a cookie. Here the plugin is registered in a scope of its own that serves no route, for its
 * functions, and `reply.setCookie` puts the Set-Cookie header on the answer at once, where
 * the route sets it. The Cookie header is read by the session gate (auth.ts), which sets
 * `request.cookies`.
 *
 * What differs from the plugin: setting the same cookie twice on one answer sends both
 * (the plugin sent the last); no signed cookies (the app has no cookie secret, and the
 * plugin would have failed on one too).
 */
import cookie, { type CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

type Codec = Pick<FastifyInstance, 'parseCookie' | 'serializeCookie'>;

export default fp(
  async (app) => {
    let codec: Codec | undefined;
    await app.register(async (scope) => {
      await scope.register(cookie, { hook: false });
      codec = { parseCookie: scope.parseCookie, serializeCookie: scope.serializeCookie };
    });
    if (codec === undefined) {
      throw new Error('@fastify/cookie did not load');
    }
    const { parseCookie, serializeCookie } = codec;
    app.decorate('parseCookie', parseCookie);
    app.decorate('serializeCookie', serializeCookie);
    // Null until the session gate sets it, as the plugin declared it (its types say an object).
    app.decorateRequest('cookies', null as unknown as FastifyRequest['cookies']);

    // As the plugin's setCookie: SameSite=Lax unless the route says otherwise.
    function setCookie(
      this: FastifyReply,
      name: string,
      value: string,
      options?: CookieSerializeOptions,
    ): FastifyReply {
      const { signed, secure, ...opts } = { sameSite: 'lax' as const, ...options };
      if (signed) {
        throw new Error(`cookie ${name}: signed cookies need a cookie secret, and there is none`);
      }
      const serialized = serializeCookie(name, value, {
        ...opts,
        secure: secure === 'auto' ? this.request.protocol === 'https' : secure,
      });
      // Fastify keeps every Set-Cookie value given (a list), unlike other headers.
      return this.header('set-cookie', serialized);
    }

    function clearCookie(
      this: FastifyReply,
      name: string,
      options?: CookieSerializeOptions,
    ): FastifyReply {
      return setCookie.call(this, name, '', {
        path: '/',
        ...options,
        expires: new Date(0),
        maxAge: 0,
        signed: false,
      });
    }

    app.decorateReply('setCookie', setCookie);
    app.decorateReply('cookie', setCookie);
    app.decorateReply('clearCookie', clearCookie);
  },
  { name: 'cookies' },
);
