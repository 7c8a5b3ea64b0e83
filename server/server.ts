/** Starts Claimdesk: the API and the built dashboard on one port. */
import Fastify from 'fastify';
import app from './app';
import { AJV_OPTIONS, configFromEnv } from './config';
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
