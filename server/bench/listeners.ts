/**
 * Event-stream listeners for `npm run bench:api`'s streams scenario, in a process of
 * their own so that reading 50 streams does not slow the load generator: opens the
 * streams, tells the driver once every one is live, reads until told to close.
 * Arguments: the app's URL, the session cookie, how many streams.
 */
export {};

const [url, cookie, countText] = process.argv.slice(2);
const count = Number(countText);
const controller = new AbortController();
let bytes = 0;

async function listen(): Promise<void> {
  const response = await fetch(`${url}/api/events`, {
    headers: { cookie },
    signal: controller.signal,
  });
  if (response.status !== 200 || !response.body) {
    throw new Error(`event stream: ${response.status}`);
  }
  const reader = response.body.getReader();
  let live = false;
  let markLive: () => void = () => undefined;
  const becameLive = new Promise<void>((resolve) => (markLive = resolve));
  void (async () => {
    const decoder = new TextDecoder();
    try {
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        bytes += read.value.length;
        if (!live && decoder.decode(read.value).includes(': live')) {
          live = true;
          markLive();
        }
      }
    } catch {
      // Aborted by the driver.
    }
  })();
  await becameLive;
}

process.on('message', (message: { type: string }) => {
  if (message.type === 'close') {
    controller.abort();
    process.send?.({ type: 'closed', bytes }, undefined, undefined, () => process.exit(0));
  }
});

try {
  await Promise.all(Array.from({ length: count }, () => listen()));
  process.send?.({ type: 'listening' });
} catch (error) {
  process.send?.({ type: 'failed', message: (error as Error).message });
}
