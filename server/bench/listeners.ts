/**
 * Event-stream listeners for `npm run bench:api`'s streams scenario, in a process of
 * their own so that reading 50 streams does not slow the load generator: opens the
 * streams, tells the driver once every one is live, reads until told to close.
 * Arguments: the app's URL, the session cookie, how many streams.
 *
 * The listeners stand for 50 browsers, which in a newsroom run on 50 other machines: on
 * this one they share the server's two cores, so they read as cheaply as a client can
 * (node:http, bytes counted and dropped; no WHATWG streams, no decoding). What the
 * scenario then measures is the server's cost of the streams, not the clients': their
 * own CPU time while live is reported beside it, since on this machine it is taken from
 * the same two cores.
 */
import { get, type IncomingMessage } from 'node:http';

const [url, cookie, countText] = process.argv.slice(2);
const count = Number(countText);
const responses: IncomingMessage[] = [];
let bytes = 0;
let frames = 0;
/** Reads from the sockets once live: about the server's writes to them. */
let reads = 0;
/** This process's CPU time when every stream was live: what reading them costs is after it. */
let cpuAtLive: NodeJS.CpuUsage | undefined;

const LIVE = Buffer.from(': live');
/** Start of an event's frame; the first one may begin the chunk. */
const EVENT = Buffer.from('\nid: ');

function countFrames(chunk: Buffer): number {
  let found = chunk.subarray(0, 4).toString() === 'id: ' ? 1 : 0;
  for (let at = chunk.indexOf(EVENT); at >= 0; at = chunk.indexOf(EVENT, at + 1)) {
    found += 1;
  }
  return found;
}

function listen(): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = get(`${url}/api/events`, { headers: { cookie }, agent: false }, (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`event stream: ${response.statusCode}`));
        return;
      }
      responses.push(response);
      let live = false;
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (live) {
          reads += 1;
          frames += countFrames(chunk);
        } else if (chunk.includes(LIVE)) {
          live = true;
          resolve();
        }
      });
      response.on('error', () => undefined);
    });
    request.on('error', reject);
  });
}

process.on('message', (message: { type: string }) => {
  if (message.type === 'close') {
    for (const response of responses) {
      response.destroy();
    }
    const cpu = process.cpuUsage(cpuAtLive);
    const cpuMicros = cpu.user + cpu.system;
    process.send?.({ type: 'closed', bytes, frames, reads, cpuMicros }, undefined, undefined, () =>
      process.exit(0),
    );
  }
});

try {
  await Promise.all(Array.from({ length: count }, () => listen()));
  cpuAtLive = process.cpuUsage();
  process.send?.({ type: 'listening' });
} catch (error) {
  process.send?.({ type: 'failed', message: (error as Error).message });
}
