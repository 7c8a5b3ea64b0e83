/**
 * Hands committed events to this process's open event streams: on the next event-loop
 * turn after a quiet spell, and at most once per SEND_GAP_MS while changes keep coming.
 *
 * A write reaches every stream, so each write to a socket counts fifty times with fifty
 * people listening: the events waiting (the writes that committed since the last send) go
 * to each stream in one socket write, and when a stream shows every one of them (no
 * notification meant for someone else, nothing it has already had) that write is one
 * buffer made once for all streams. Each event is serialised once, however many streams
 * send it, and only as long as the event is kept.
 *
 * Why the gap: with 50 streams open, 1,900 writes a second committed in about 100 groups
 * a second, each sent to every stream: 5,000 socket writes a second, and the server spent
 * a seventh more CPU per write than with no stream open (BENCHMARKS.md "API"). Sending
 * at most every SEND_GAP_MS halves what the streams cost the server (measured with
 * synthetic events at that rate); a change waits at most that long, and only when another
 * went out just before it.
 */
import { PERSONAL_CHANGE_TYPES } from '../../src/domain/change-event';
import type { ChangeEvent } from '../repositories/events';

const frames = new WeakMap<ChangeEvent, Buffer>();

/** The event's SSE frame as bytes, made once however many streams send it. */
export function frameOf(event: ChangeEvent): Buffer {
  let frame = frames.get(event);
  if (frame === undefined) {
    frame = Buffer.from(`id: ${event.id}\ndata: ${JSON.stringify(event)}\n\n`);
    frames.set(event, frame);
  }
  return frame;
}

/** Events only some streams show (see `eventFor` in events.ts). */
export function isPrivate(event: ChangeEvent): boolean {
  return PERSONAL_CHANGE_TYPES.has(event.type);
}

export interface StreamSink {
  /**
   * One turn's events, in feed order. `everyFrame` is their frames in one buffer, made on
   * the first call and shared by every stream, or null when the turn holds an event that
   * not every stream shows.
   */
  receive(events: readonly ChangeEvent[], everyFrame: () => Buffer | null): void;
}

/** The least time between two sends to the streams: a person does not see 50 ms. */
export const SEND_GAP_MS = 50;

export class EventFanOut {
  private readonly sinks = new Set<StreamSink>();
  private turn: ChangeEvent[] = [];
  /** The pending send's cancellation, or null when none is scheduled. */
  private scheduled: (() => void) | null = null;
  /** When the last send was (performance.now()). */
  private sentAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly gapMs = SEND_GAP_MS) {}

  /** Adds a stream; returns its removal. */
  add(sink: StreamSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  /**
   * Takes an event from the change hub; it goes out after the current turn's work, or once
   * the gap since the last send is over.
   */
  take(event: ChangeEvent): void {
    this.turn.push(event);
    if (this.scheduled) {
      return;
    }
    const wait = this.sentAt + this.gapMs - performance.now();
    if (wait > 0) {
      const timer = setTimeout(() => this.flush(), wait);
      this.scheduled = () => clearTimeout(timer);
    } else {
      const immediate = setImmediate(() => this.flush());
      this.scheduled = () => clearImmediate(immediate);
    }
  }

  /** Sends what is waiting now: on schedule, and before a stream ends. */
  flush(): void {
    if (this.scheduled) {
      this.scheduled();
      this.scheduled = null;
    }
    const events = this.turn;
    if (events.length === 0) {
      return;
    }
    this.turn = [];
    this.sentAt = performance.now();
    let shared: Buffer | null | undefined;
    const everyFrame = () => {
      if (shared === undefined) {
        const inOrder = events.every((event, i) => i === 0 || event.id > events[i - 1].id);
        shared =
          inOrder && !events.some(isPrivate)
            ? events.length === 1
              ? frameOf(events[0])
              : Buffer.concat(events.map(frameOf))
            : null;
      }
      return shared;
    };
    for (const sink of this.sinks) {
      sink.receive(events, everyFrame);
    }
  }
}
