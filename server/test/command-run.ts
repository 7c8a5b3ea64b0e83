/** Runs a shell command (`npm run users`, `npm run db`) in-process or in its own process. */
import { spawnSync } from 'node:child_process';
import { PassThrough, Readable } from 'node:stream';
import type { Command } from '../cli/command-io';
import { PROJECT_ROOT } from '../config';

export interface CommandOutcome {
  status: number;
  stdout: string;
  stderr: string;
}

/** What a stream was given, as text. */
function collect(stream: PassThrough): () => string {
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return () => Buffer.concat(chunks).toString('utf8');
}

/**
 * The command in this process, with `input` on its stdin and `env` as its environment. It
 * opens its own database connections, as from another process, without the second or
 * two of a Node and tsx start-up.
 */
export async function runInProcess(
  command: Command,
  args: string[],
  env: NodeJS.ProcessEnv,
  input = '',
): Promise<CommandOutcome> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const [out, err] = [collect(stdout), collect(stderr)];
  const stdin = Readable.from([Buffer.from(input)]);
  const status = await command(args, { stdin, stdout, stderr, env });
  return { status, stdout: out(), stderr: err() };
}

/** The real `server/cli/<script>.ts` in its own process, as `npm run <script>` runs it. */
export function runSpawned(
  script: 'users' | 'db',
  args: string[],
  env: NodeJS.ProcessEnv,
  input = '',
): CommandOutcome {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', `server/cli/${script}.ts`, ...args],
    { cwd: PROJECT_ROOT, env, input, encoding: 'utf8' },
  );
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}
