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
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env['PORT'] ?? 4200);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, not "${env['PORT']}"`);
  }
  return {
    port,
    host: env['HOST'] ?? '127.0.0.1',
    databaseFile: resolve(PROJECT_ROOT, env['CLAIMDESK_DB'] ?? 'data/claimdesk.db'),
    claimsDir: resolve(PROJECT_ROOT, env['CLAIMDESK_CLAIMS_DIR'] ?? 'claims'),
    staticDir: resolve(PROJECT_ROOT, env['CLAIMDESK_STATIC_DIR'] ?? 'dist/claimdesk/browser'),
    sessionHours: 12,
    loginAttempts: 5,
    loginWindowMinutes: 15,
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
