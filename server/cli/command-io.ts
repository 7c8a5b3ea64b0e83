/**
 * What a shell command (`npm run users`, `npm run db`) reads and writes: the process's
 * own streams and environment when run from the shell, others when a test calls it
 * in-process.
 */
export interface CommandIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

/** The process's own streams and environment. */
export function processIo(): CommandIo {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
}

/** A command run in-process: resolves with its exit code (0 done, 1 failed, 2 refused). */
export type Command = (argv: string[], io?: CommandIo) => Promise<number>;
