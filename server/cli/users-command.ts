/**
 * Account administration from the shell (`server/cli/users.ts` runs it; the tests call it
 * in-process, which spares each call a Node and tsx start-up):
 *   npm run users -- add <username> --role <fact_checker|editor|admin> [--name "Dana Reyes"]
 *   npm run users -- list | set-role <username> <role> | disable <username> | enable <username>
 *   npm run users -- rename <username> "<display name>"
 * The password is read from stdin when it is not a terminal (scripts, tests),
 * otherwise asked for without echo. The last active admin cannot be disabled or
 * demoted. A running server notices role changes and disabled accounts within
 * seconds (its session cache, and each live stream's session check), and a new
 * name at once for the account's own requests; open dashboards of others show
 * it on their next load (a change made here is not pushed live).
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { cleanDisplayName, DISPLAY_NAME_RULE } from '../../src/domain/people';
import { isRole, ROLES } from '../../src/domain/workflow';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../auth/password';
import { configFromEnv } from '../config';
import { migrateToLatest } from '../database/migrations';
import { openDatabase } from '../database/engine';
import {
  createUser,
  findUserByName,
  LastAdminError,
  listUsers,
  updateUser,
  UsernameTakenError,
} from '../repositories/users';
import { type CommandIo, processIo } from './command-io';

const USAGE = `Usage:
  npm run users -- add <username> --role <${ROLES.join('|')}> [--name "<display name>"]
                                   (password from stdin or prompt; the name is the username unless given)
  npm run users -- list              (username, role, display name, and "disabled" if so)
  npm run users -- set-role <username> <role>
  npm run users -- rename <username> "<display name>"
  npm run users -- disable <username>
  npm run users -- enable <username>`;

class UsageError extends Error {}

/** The display name as stored, or a UsageError saying what is wrong with it. */
function displayNameFrom(text: string, option: string): string {
  const name = cleanDisplayName(text);
  if (name === null) {
    throw new UsageError(`${option} ${DISPLAY_NAME_RULE}.`);
  }
  return name;
}

async function readPassword(io: CommandIo): Promise<string> {
  if (!io.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of io.stdin) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    }
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  const rl = createInterface({ input: io.stdin, output: io.stdout, terminal: true });
  io.stdout.write('Password: ');
  // Mute the echo of what is typed.
  const output = rl as unknown as { _writeToOutput: (s: string) => void };
  output._writeToOutput = () => undefined;
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  io.stdout.write('\n');
  return answer;
}

async function main(argv: string[], io: CommandIo): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { role: { type: 'string' }, name: { type: 'string' } },
  });
  const [command, username, argument, ...extra] = positionals;
  const db = await openDatabase(configFromEnv(io.env).database);
  try {
    await migrateToLatest(db);
    switch (command) {
      case 'list': {
        for (const user of await listUsers(db)) {
          io.stdout.write(
            `${user.username}\t${user.role}\t${user.displayName}${user.disabled ? '\tdisabled' : ''}\n`,
          );
        }
        return;
      }
      case 'add': {
        const role = values.role;
        if (!username || !/^[a-z0-9][a-z0-9._-]{1,63}$/.test(username)) {
          throw new UsageError(
            'add needs a username of 2-64 lower-case letters, digits, ".", "_" or "-".',
          );
        }
        if (!isRole(role)) {
          throw new UsageError(`--role must be one of ${ROLES.join(', ')}.`);
        }
        const displayName =
          values.name === undefined ? undefined : displayNameFrom(values.name, '--name');
        if (await findUserByName(db, username)) {
          throw new UsageError(`The username ${username} is taken.`);
        }
        const password = await readPassword(io);
        if (password.length < MIN_PASSWORD_LENGTH) {
          throw new UsageError(`The password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
        }
        const { user } = await createUser(db, {
          username,
          role,
          passwordHash: await hashPassword(password),
          displayName,
        });
        io.stdout.write(`Added ${user.username} (${user.displayName}) as ${user.role}.\n`);
        return;
      }
      case 'rename': {
        if (!username || argument === undefined) {
          throw new UsageError('rename needs a username and the new display name.');
        }
        if (extra.length > 0) {
          throw new UsageError(
            `rename takes one display name: put it in quotes, as in rename ${username} "Dana Reyes".`,
          );
        }
        const changed = await updateUser(db, username, {
          displayName: displayNameFrom(argument, 'The display name'),
        });
        if (!changed) {
          throw new UsageError(`No account is called ${username}.`);
        }
        io.stdout.write(`${changed.user.username} is now shown as ${changed.user.displayName}.\n`);
        return;
      }
      case 'set-role':
      case 'disable':
      case 'enable': {
        if (!username) {
          throw new UsageError(`${command} needs a username.`);
        }
        const role = command === 'set-role' ? argument : undefined;
        if (command === 'set-role' && !isRole(role)) {
          throw new UsageError(`set-role needs a role: ${ROLES.join(', ')}.`);
        }
        const changed = await updateUser(db, username, {
          ...(isRole(role) ? { role } : {}),
          ...(command === 'set-role' ? {} : { disabled: command === 'disable' }),
        });
        if (!changed) {
          throw new UsageError(`No account is called ${username}.`);
        }
        const { user } = changed;
        io.stdout.write(`${user.username}: ${user.role}${user.disabled ? ', disabled' : ''}\n`);
        return;
      }
      default:
        throw new UsageError(USAGE);
    }
  } finally {
    await db.destroy();
  }
}

/**
 * Runs `npm run users -- <argv>` and resolves with its exit code: 0 done, 2 refused (usage,
 * a taken name, the last admin), 1 failed.
 */
export async function runUsersCommand(
  argv: string[],
  io: CommandIo = processIo(),
): Promise<number> {
  try {
    await main(argv, io);
    return 0;
  } catch (caught: unknown) {
    // Refusals the repository decides (in its transaction) are usage errors too.
    const error =
      caught instanceof LastAdminError || caught instanceof UsernameTakenError
        ? new UsageError(caught.message)
        : caught;
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    if (!(error instanceof UsageError)) {
      io.stderr.write(`${USAGE}\n`);
    }
    return error instanceof UsageError ? 2 : 1;
  }
}
