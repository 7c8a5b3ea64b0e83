/** `npm run users`: account administration from the shell (see users-command.ts). */
import { runUsersCommand } from './users-command';

void runUsersCommand(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
