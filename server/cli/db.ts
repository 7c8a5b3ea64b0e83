/** `npm run db`: migrate, back up or copy a desk from the shell (see db-command.ts). */
import { runDbCommand } from './db-command';

void runDbCommand(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
