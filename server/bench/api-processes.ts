/**
 * `npm run bench:api`'s other processes: the server process (api-server.ts), asked for its
 * CPU time between slices, and the event-stream listeners (listeners.ts).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ServerMessage } from './protocol';

/** The server process's CPU time so far, in µs. */
export function serverCpu(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: ServerMessage) => {
      if (message.type === 'cpu') {
        child.off('message', onMessage);
        resolve(message.micros);
      }
    };
    child.on('message', onMessage);
    child.send({ type: 'cpu' }, (error) => {
      if (error) {
        child.off('message', onMessage);
        reject(error);
      }
    });
  });
}

export function nextMessage(child: ChildProcess): Promise<ServerMessage> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: ServerMessage) => {
      child.off('exit', onExit);
      resolve(message);
    };
    const onExit = (code: number | null) => {
      child.off('message', onMessage);
      reject(new Error(`server process exited (${code}) before answering`));
    };
    child.once('message', onMessage);
    child.once('exit', onExit);
  });
}

export function startServer(env: NodeJS.ProcessEnv): ChildProcess {
  const profileDir = process.env['BENCH_CPU_PROF'];
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  // process.execArgv carries tsx's loader, so the child runs TypeScript too.
  return fork(fileURLToPath(new URL('./api-server.ts', import.meta.url)), [], {
    execArgv: [...process.execArgv, ...profile],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env,
  });
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.connected) {
    // On Ctrl-C the child may be exiting already; its exit is what we wait for.
    child.send({ type: 'close' }, () => undefined);
  }
  const timer = setTimeout(() => child.kill('SIGTERM'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** What the listeners read while live, and the CPU time that took them. */
export interface ListenersHeard {
  readonly frames: number;
  readonly reads: number;
  readonly cpuMicros: number;
}

/** STREAMS event streams held open by a process of their own (listeners.ts). */
export async function openListeners(
  appUrl: string,
  cookie: string,
  count: number,
): Promise<{ close(): Promise<ListenersHeard> }> {
  const child = fork(
    fileURLToPath(new URL('./listeners.ts', import.meta.url)),
    [appUrl, cookie, String(count)],
    {
      execArgv: process.execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('message', (message: { type: string; message?: string }) =>
      message.type === 'listening' ? resolve() : reject(new Error(message.message)),
    );
    child.once('exit', (code) => reject(new Error(`the listeners exited (${code})`)));
  });
  return {
    close: () =>
      new Promise<ListenersHeard>((resolve) => {
        let heard: ListenersHeard = { frames: 0, reads: 0, cpuMicros: 0 };
        child.on('message', (message: { type: string } & Partial<ListenersHeard>) => {
          if (message.type === 'closed') {
            heard = {
              frames: message.frames ?? 0,
              reads: message.reads ?? 0,
              cpuMicros: message.cpuMicros ?? 0,
            };
          }
        });
        child.once('exit', () => resolve(heard));
        child.send({ type: 'close' });
      }),
  };
}
