/** Starts Claimdesk: the API and the built dashboard on one port. */
import app from './app';
import { configFromEnv, DEFAULT_ORGANISATION_NAME, fastifyOptions } from './config';
import { loggedFastify } from './logging';
import { SETUP_LINK_SHARED_MS, SETUP_TOKEN_HOURS, setupTokenOnStart } from './repositories/setup';

const config = configFromEnv();
const server = loggedFastify(
  { terminal: process.stdout.isTTY === true, level: process.env['LOG_LEVEL'] },
  fastifyOptions(config.trustProxy),
);

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
  const setup = await setupTokenOnStart(server.db);
  if (setup && 'token' in setup) {
    process.stdout.write(
      `No accounts yet. Create the first admin with this link. It works once, for ${SETUP_TOKEN_HOURS} hours, ` +
        `and replaces any link printed before (restart the server for a new one):\n` +
        `  ${address}/setup?token=${setup.token}\n\n`,
    );
  } else if (setup) {
    process.stdout.write(
      `No accounts yet. A setup link was printed at ${setup.printedAt} by a Claimdesk process on ` +
        `this database (another one, or this one before a restart); use that link. For a new one, ` +
        `restart this server after ${SETUP_LINK_SHARED_MS / 1000} seconds.\n\n`,
    );
  }
} catch (error) {
  server.log.error(error);
  process.exit(1);
}
