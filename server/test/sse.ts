/**
 * The change feed (`/api/events`) as a test client reads it: one SSE parser for every
 * test, checking that each frame's `id:` is its event's id, and noting the server's
 * `: live` mark (every change from then on reaches the stream).
 */
import assert from 'node:assert/strict';
import type { ChangeEvent } from '../repositories/events';
import { until } from './until';

export interface EventStreamOptions {
  /** Resume after this event, as a reconnecting EventSource does (`Last-Event-ID`). */
  readonly lastEventId?: number;
  /**
   * The client gives up after this long: `ended` then fails. Without it the stream is
   * read until the server ends it or the test closes it.
   */
  readonly timeoutMs?: number;
}

export interface EventStream {
  /** The response's `content-type`. */
  readonly contentType: string;
  /** The events received so far, in order. */
  readonly events: ChangeEvent[];
  /** Settles at the server's live mark, or when the stream stops before one came. */
  readonly live: Promise<void>;
  /** Whether the live mark has come. */
  isLive(): boolean;
  /** Resolves when the server ends the stream (or the test closed it); fails on a timeout. */
  readonly ended: Promise<void>;
  /** The first `count` events, once they have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<ChangeEvent[]>;
  /** The events so far, once `condition` holds for them (`what` names it in a failure). */
  waitUntil(
    what: string,
    condition: (events: readonly ChangeEvent[], live: boolean) => boolean,
    timeoutMs?: number,
  ): Promise<ChangeEvent[]>;
  /** The client leaves. */
  close(): void;
}

/** Splits off the complete frames of `buffer`; returns them and what is left. */
function frames(buffer: string): { complete: string[]; rest: string } {
  const complete: string[] = [];
  let rest = buffer;
  let split: number;
  while ((split = rest.indexOf('\n\n')) >= 0) {
    complete.push(rest.slice(0, split));
    rest = rest.slice(split + 2);
  }
  return { complete, rest };
}

/** Opens an SSE stream with `cookie`; resolves once the server has answered with 200. */
export async function openEventStream(
  url: string,
  cookie: string,
  options: EventStreamOptions = {},
): Promise<EventStream> {
  const controller = new AbortController();
  const timer =
    options.timeoutMs === undefined
      ? undefined
      : setTimeout(() => controller.abort(), options.timeoutMs);
  const response = await fetch(url, {
    headers: {
      cookie,
      accept: 'text/event-stream',
      ...(options.lastEventId === undefined
        ? {}
        : { 'last-event-id': String(options.lastEventId) }),
    },
    signal: controller.signal,
  });
  assert.equal(response.status, 200, `${url}: ${response.status}`);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: ChangeEvent[] = [];
  let live = false;
  let leaving = false;
  let stopped = false;
  let failure: unknown = null;
  let markLive: () => void = () => undefined;
  const livePromise = new Promise<void>((resolve) => (markLive = resolve));
  const ended = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          return;
        }
        const parsed = frames(buffer + decoder.decode(value, { stream: true }));
        buffer = parsed.rest;
        for (const frame of parsed.complete) {
          const id = /^id: (\d+)$/m.exec(frame);
          const data = /^data: (.*)$/m.exec(frame);
          if (data) {
            const event = JSON.parse(data[1]) as ChangeEvent;
            assert.equal(event.id, Number(id?.[1]), 'the SSE id is the event id');
            events.push(event);
          }
          if (/^: live$/m.test(frame)) {
            live = true;
            markLive();
          }
        }
      }
    } catch (error) {
      if (leaving) {
        return;
      }
      failure = controller.signal.aborted
        ? new Error(`the stream did not end within ${options.timeoutMs} ms`, { cause: error })
        : error;
      throw failure;
    } finally {
      stopped = true;
      clearTimeout(timer);
      markLive();
    }
  })();
  // Awaited by the tests that expect the end; a stream left open must not fail the run.
  ended.catch(() => undefined);

  const waitUntil: EventStream['waitUntil'] = async (what, condition, timeoutMs) => {
    await until(
      what,
      () => {
        if (failure) {
          throw failure;
        }
        if (condition(events, live)) {
          return true;
        }
        assert.ok(!stopped, `the stream stopped with ${events.length} events, before ${what}`);
        return false;
      },
      timeoutMs,
    );
    return [...events];
  };
  return {
    contentType: response.headers.get('content-type') ?? '',
    events,
    live: livePromise,
    isLive: () => live,
    ended,
    waitFor: async (count, timeoutMs) =>
      (await waitUntil(`${count} events`, (received) => received.length >= count, timeoutMs)).slice(
        0,
        count,
      ),
    waitUntil,
    close: () => {
      leaving = true;
      controller.abort();
    },
  };
}

/** An SSE stream once the server says every change from now on reaches it. */
export async function openLiveStream(
  url: string,
  cookie: string,
  options: EventStreamOptions = {},
): Promise<EventStream> {
  const stream = await openEventStream(url, cookie, options);
  await stream.live;
  return stream;
}
