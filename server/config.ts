/** Server settings, read once from the environment. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  /** SQLite file, or ':memory:' for throwaway test databases. */
  readonly databaseFile: string;
  /** Folder of `claims/` article files imported on start. */
  readonly claimsDir: string | null;
  /** Built Angular app served with SPA fallback; null serves the API alone. */
  readonly staticDir: string | null;
  readonly sessionHours: number;
  /** Failed logins allowed per username and address within the window. */
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
    databaseFile: resolve(PROJECT_ROOT, env['CLAIMDESK_DB'] ?? 'data/claimdesk.db'),
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
  };
}

/**
 * Fastify's validator settings: unknown fields are refused (400 naming them),
 * not silently dropped, so that a typo never looks like a successful save.
 */
export const AJV_OPTIONS = {
  customOptions: {
    removeAdditional: false,
    coerceTypes: 'array',
    useDefaults: true,
    allErrors: false,
  },
} as const;
