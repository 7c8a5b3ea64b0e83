/** Starts Claimdesk: the API and the built dashboard on one port. */
import Fastify from 'fastify';
import app from './app';
import { AJV_OPTIONS, configFromEnv, DEFAULT_ORGANISATION_NAME } from './config';
import { countUsers, createSetupToken } from './repositories/users';

const config = configFromEnv();
const server = Fastify({
  ajv: AJV_OPTIONS,
  logger: { level: process.env['LOG_LEVEL'] ?? 'info' },
  // Fastify's default 1 MiB is too small for pasted long-form articles.
  bodyLimit: 5 * 1024 * 1024,
  trustProxy: process.env['TRUST_PROXY'] === '1',
});

await server.register(app, config);

const shutdown = async (signal: string) => {
  server.log.info({ signal }, 'shutting down');
  await server.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));

try {
  const address = await server.listen({ port: config.port, host: config.host });
  process.stdout.write(`\nClaimdesk is running at ${address}\n`);
  if (config.organisationName === DEFAULT_ORGANISATION_NAME) {
    server.log.warn(
      `CLAIMDESK_ORG_NAME is not set: ClaimReview reports name "${DEFAULT_ORGANISATION_NAME}" as their author`,
    );
  }
  if ((await countUsers(server.db)) === 0) {
    const token = await createSetupToken(server.db);
    process.stdout.write(
      `No accounts yet. Create the first admin (this link works once):\n  ${address}/setup?token=${token}\n\n`,
    );
  }
} catch (error) {
  server.log.error(error);
  process.exit(1);
}
