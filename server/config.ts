/** Server settings, read once from the environment, and the options every Fastify instance is built with. */
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyServerOptions } from 'fastify';
import { type DatabaseTarget, isPostgresUrl } from './database/engine';
import { answerFrameworkError } from './plugins/problems';
import { isWebUrl } from '../src/domain/claim';
import { cleanDisplayName } from '../src/domain/people';
import { DISPLAY_NAME_KEYWORD, WEB_URL_KEYWORD } from './routes/schemas';

export const PROJECT_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  /**
   * PostgreSQL when DATABASE_URL is set (any number of server processes on one
   * database); else the SQLite file at CLAIMDESK_DB.
   */
  readonly database: DatabaseTarget;
  /** Folder of `claims/` article files imported on start. */
  readonly claimsDir: string | null;
  /** Built Angular app served with SPA fallback; null serves the API alone. */
  readonly staticDir: string | null;
  readonly sessionHours: number;
  /**
   * Failed sign-ins allowed per username from one address within the window; an
   * address may fail ADDRESS_ATTEMPTS_FACTOR times as often across usernames (a
   * newsroom shares one address); past PERSON_ATTEMPTS_FACTOR times as often at
   * one username from anywhere, each attempt waits longer (routes/session.ts).
   */
  readonly loginAttempts: number;
  readonly loginWindowMinutes: number;
  /** ClaimReview reports: the organisation publishing the fact-checks (their `author`). */
  readonly organisationName: string;
  readonly organisationUrl: string;
  /**
   * Base URL under which the fact-checks are public, without a trailing slash: a
   * claim's ClaimReview `url` is `<publicUrl>/articles/<article-id>#claim-<claim-id>`.
   */
  readonly publicUrl: string;
  /** Whose X-Forwarded-* headers to believe: see `trustProxyFromEnv`. */
  readonly trustProxy: TrustProxy;
  /**
   * WEBHOOKS_ALLOW_PRIVATE_NETWORK=1: webhook deliveries may reach loopback, private and
   * link-local addresses (a chat server on the newsroom's own network); by default they
   * reach public addresses only (server/webhooks/destination.ts).
   */
  readonly webhooksAllowPrivateNetwork: boolean;
}

/**
 * `false`: nobody's; a number: that many proxies in front, whatever their address
 * (only safe when the server cannot be reached but through them); a list: proxies
 * at these addresses or subnets (`loopback`, `uniquelocal`, `10.0.0.0/8`, …).
 */
export type TrustProxy = false | number | readonly string[];

const PROXY_ADDRESS_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** TRUST_PROXY: unset or `0` trusts no proxy, `2` two hops, `127.0.0.1,10.0.0.0/8` those addresses. */
export function trustProxyFromEnv(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? '';
  if (text === '' || text === '0') {
    return false;
  }
  if (/^\d{1,2}$/.test(text)) {
    return Number(text);
  }
  const entries = text.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    const [address, bits, ...rest] = entry.split('/');
    const family = isIP(address ?? '');
    const validBits =
      bits === undefined ||
      (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32)) ||
      (family === 4 && isIP(bits) === 4);
    if (!(PROXY_ADDRESS_NAMES.has(entry) || (family !== 0 && validBits && rest.length === 0))) {
      throw new Error(
        `TRUST_PROXY must be a number of proxy hops or a comma-separated list of proxy addresses ` +
          `or subnets (loopback, uniquelocal, 10.0.0.0/8, ...); "${entry}" is neither`,
      );
    }
  }
  return entries;
}

/** A placeholder that says what it is: set CLAIMDESK_ORG_NAME before publishing ClaimReview. */
export const DEFAULT_ORGANISATION_NAME = 'Claimdesk newsroom';

/** The address the server answers on, as a browser reaches it. */
export function defaultPublicUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

/** An absolute http(s) URL without query, fragment or trailing slash; throws naming the variable. */
export function baseUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} must be an http:// or https:// URL, not "${value}"`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash) {
    throw new Error(`${name} must be an http:// or https:// URL without ? or #, not "${value}"`);
  }
  return url.href.replace(/\/+$/, '');
}

/**
 * DATABASE_URL (postgres://…) selects PostgreSQL (DATABASE_SCHEMA: a schema of its own,
 * DATABASE_POOL_SIZE: connections per process); without it, SQLite at CLAIMDESK_DB.
 */
export function databaseFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const url = env['DATABASE_URL']?.trim();
  if (url) {
    if (!isPostgresUrl(url)) {
      throw new Error(
        `DATABASE_URL must be a postgres://user:password@host:port/database URL, not "${url}"`,
      );
    }
    const poolSize = env['DATABASE_POOL_SIZE'] ? Number(env['DATABASE_POOL_SIZE']) : undefined;
    if (poolSize !== undefined && !(Number.isInteger(poolSize) && poolSize > 0)) {
      throw new Error(`DATABASE_POOL_SIZE must be a positive whole number`);
    }
    const schema = env['DATABASE_SCHEMA']?.trim() || undefined;
    return { engine: 'postgres', url, poolSize, schema };
  }
  return {
    engine: 'sqlite',
    file: resolve(PROJECT_ROOT, env['CLAIMDESK_DB'] ?? 'data/claimdesk.db'),
  };
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env['PORT'] ?? 4200);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, not "${env['PORT']}"`);
  }
  const host = env['HOST'] ?? '127.0.0.1';
  const publicUrl = baseUrl(
    'CLAIMDESK_PUBLIC_URL',
    env['CLAIMDESK_PUBLIC_URL'] || defaultPublicUrl(host, port),
  );
  return {
    port,
    host,
    database: databaseFromEnv(env),
    claimsDir: resolve(PROJECT_ROOT, env['CLAIMDESK_CLAIMS_DIR'] ?? 'claims'),
    staticDir: resolve(PROJECT_ROOT, env['CLAIMDESK_STATIC_DIR'] ?? 'dist/claimdesk/browser'),
    sessionHours: 12,
    loginAttempts: 5,
    loginWindowMinutes: 15,
    organisationName: env['CLAIMDESK_ORG_NAME']?.trim() || DEFAULT_ORGANISATION_NAME,
    organisationUrl: env['CLAIMDESK_ORG_URL']
      ? baseUrl('CLAIMDESK_ORG_URL', env['CLAIMDESK_ORG_URL'])
      : publicUrl,
    publicUrl,
    trustProxy: trustProxyFromEnv(env['TRUST_PROXY']),
    webhooksAllowPrivateNetwork: flagFromEnv(
      'WEBHOOKS_ALLOW_PRIVATE_NETWORK',
      env['WEBHOOKS_ALLOW_PRIVATE_NETWORK'],
    ),
  };
}

/** A yes-or-no setting: unset, `0` or `false` is no; `1` or `true` is yes; anything else is refused. */
export function flagFromEnv(name: string, value: string | undefined): boolean {
  const text = value?.trim().toLowerCase() ?? '';
  if (text === '' || text === '0' || text === 'false') {
    return false;
  }
  if (text === '1' || text === 'true') {
    return true;
  }
  throw new Error(`${name} must be 1 or 0 (true or false), not "${value}"`);
}

/** Fastify's default 1 MiB is too small for pasted long-form articles. */
export const BODY_LIMIT = 5 * 1024 * 1024;
/** Room for the longest id the schemas allow (200), so that a longer one gets their 400 naming it. */
export const MAX_PARAM_LENGTH = 256;

type ValidatorFactory = NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
>['buildValidator'];
type RouteSchema = Parameters<ReturnType<NonNullable<ValidatorFactory>>>[0];

function newAjv(coerceTypes: false | 'array', externalSchemas: unknown): Ajv {
  const ajv = new Ajv({
    // Unknown fields are refused (400 naming them), not silently dropped, so
    // that a typo never looks like a successful save.
    removeAdditional: false,
    useDefaults: true,
    coerceTypes,
    // One error is enough to name the field; all of them costs time on hostile input.
    allErrors: false,
    addUsedSchema: false,
  });
  addFormats(ajv);
  ajv.addKeyword({
    keyword: WEB_URL_KEYWORD,
    type: 'string',
    schemaType: 'boolean',
    errors: false,
    validate: (wanted: boolean, value: string) => !wanted || isWebUrl(value),
  });
  ajv.addKeyword({
    keyword: DISPLAY_NAME_KEYWORD,
    type: 'string',
    schemaType: 'boolean',
    errors: false,
    validate: (wanted: boolean, value: string) => !wanted || cleanDisplayName(value) !== null,
  });
  for (const schema of Object.values(externalSchemas as Record<string, object>)) {
    ajv.addSchema(schema);
  }
  return ajv;
}

/**
 * Two validators: the URL and its query string are text, so their numbers and
 * lists are coerced ("3" → 3, "a" → ["a"]); a JSON body says what it means, so
 * `"start": "3"` or `[1]` for an integer is refused, not quietly converted.
 */
function validatorFactory(): NonNullable<ValidatorFactory> {
  const pool = new Map<string, { body: Ajv; text: Ajv }>();
  return (externalSchemas) => {
    // Fastify asks once per plugin context; contexts with the same shared schemas share Ajv.
    const key = JSON.stringify(externalSchemas ?? {});
    let instances = pool.get(key);
    if (!instances) {
      instances = {
        body: newAjv(false, externalSchemas ?? {}),
        text: newAjv('array', externalSchemas ?? {}),
      };
      pool.set(key, instances);
    }
    const { body, text } = instances;
    return ({ schema, httpPart }: RouteSchema) => {
      const ajv = httpPart === 'body' ? body : text;
      const id = (schema as { $id?: string }).$id;
      // Ajv compiles one schema per $id; a shared schema is compiled already.
      const known = id ? ajv.getSchema(id) : undefined;
      return known ?? ajv.compile(schema as object);
    };
  };
}

/** A hop count as proxy-addr understands it: the nearest `hops` peers are proxies. */
function trustHops(hops: number) {
  return (_address: string, hop: number) => hop < hops;
}

/**
 * The Fastify constructor options of every Claimdesk server (server.ts, the test
 * harness, the benchmark): validation, limits, problem documents for the errors
 * the router answers itself, and whose X-Forwarded-* headers to believe.
 */
export function fastifyOptions(
  trustProxy: TrustProxy = false,
): Pick<
  FastifyServerOptions,
  | 'schemaController'
  | 'bodyLimit'
  | 'routerOptions'
  | 'frameworkErrors'
  | 'trustProxy'
  | 'pluginTimeout'
> {
  return {
    // No limit on how long the app takes to start: it migrates the database and loads the
    // claim index and the suggester's model first, which on a large desk or a busy machine
    // takes longer than Fastify's default 10 s (CI saw the app refused as "did not start in
    // time" at a load of 8-16 on two cores). A start that fails still fails with its error.
    pluginTimeout: 0,
    schemaController: { compilersFactory: { buildValidator: validatorFactory() } },
    bodyLimit: BODY_LIMIT,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors: answerFrameworkError,
    trustProxy:
      trustProxy === false
        ? false
        : typeof trustProxy === 'number'
          ? trustHops(trustProxy)
          : [...trustProxy],
  };
}
