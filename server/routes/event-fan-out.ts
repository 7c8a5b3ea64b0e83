/**
 * Hands committed events to this process's open event streams, once per event-loop turn.
 *
 * A write reaches every stream, so each write to a socket counts fifty times with fifty
 * people listening: the events of one turn (the writes that committed together) go to
 * each stream in one socket write, and when a stream shows every one of them (no
 * notification meant for someone else, nothing it has already had) that write is one
 * buffer made once for all streams. Each event is serialised once, however many streams
 * send it, and only as long as the event is kept.
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

export class EventFanOut {
  private readonly sinks = new Set<StreamSink>();
  private turn: ChangeEvent[] = [];
  private scheduled: NodeJS.Immediate | null = null;

  /** Adds a stream; returns its removal. */
  add(sink: StreamSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  /** Takes an event from the change hub; it goes out after the current turn's work. */
  take(event: ChangeEvent): void {
    this.turn.push(event);
    this.scheduled ??= setImmediate(() => this.flush());
  }

  /** Sends what is waiting now: on schedule, and before a stream ends. */
  flush(): void {
    if (this.scheduled) {
      clearImmediate(this.scheduled);
      this.scheduled = null;
    }
    const events = this.turn;
    if (events.length === 0) {
      return;
    }
    this.turn = [];
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
