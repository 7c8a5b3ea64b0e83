// Events reach the open streams on the next event-loop turn after a quiet spell, and at most
// once per gap while they keep coming: one write per stream, one buffer for all of them when
// every stream shows every event.
//   node --import tsx --test server/test/event-fan-out.test.ts
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChangeEvent } from '../repositories/events';
import { EventFanOut, frameOf } from '../routes/event-fan-out';

let nextId = 1;
function event(type: ChangeEvent['type'] = 'claim.updated'): ChangeEvent {
  const id = nextId++;
  return { id, at: new Date().toISOString(), type, articleId: 'a', claimId: `c${id}`, data: {} };
}

/** A stream that keeps what it receives, as one write per call. */
function sink() {
  const writes: (Buffer | ChangeEvent[])[] = [];
  return {
    writes,
    receive(events: readonly ChangeEvent[], everyFrame: () => Buffer | null) {
      writes.push(everyFrame() ?? [...events]);
    },
  };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('EventFanOut', () => {
  it('sends the events of one turn together, in one buffer made once for every stream', async () => {
    const fanOut = new EventFanOut(0);
    const streams = [sink(), sink(), sink()];
    streams.forEach((stream) => fanOut.add(stream));
    const events = [event(), event(), event()];
    events.forEach((e) => fanOut.take(e));
    assert.ok(
      streams.every((stream) => stream.writes.length === 0),
      'nothing before the turn ends',
    );
    await turn();
    const [first] = streams[0].writes;
    assert.ok(Buffer.isBuffer(first));
    assert.equal(first.toString(), events.map((e) => frameOf(e).toString()).join(''));
    for (const stream of streams) {
      assert.equal(stream.writes.length, 1, 'one write per stream');
      assert.equal(stream.writes[0], first, 'the same buffer for every stream');
    }
    fanOut.take(event());
    await turn();
    assert.ok(
      streams.every((stream) => stream.writes.length === 2),
      'the next turn, next write',
    );
  });

  it('leaves a turn with a notification to each stream to filter', async () => {
    const fanOut = new EventFanOut();
    const stream = sink();
    fanOut.add(stream);
    const events = [event(), event('notification.created')];
    events.forEach((e) => fanOut.take(e));
    await turn();
    assert.deepEqual(stream.writes, [events]);
  });

  it('sends what waits at once on flush (before a stream ends), and a removed stream nothing', async () => {
    const fanOut = new EventFanOut(0);
    const staying = sink();
    const leaving = sink();
    fanOut.add(staying);
    const remove = fanOut.add(leaving);
    fanOut.take(event());
    fanOut.flush();
    assert.equal(staying.writes.length, 1);
    assert.equal(leaving.writes.length, 1);
    remove();
    fanOut.take(event());
    await turn();
    assert.equal(staying.writes.length, 2);
    assert.equal(leaving.writes.length, 1);
  });

  it('sends at most once per gap while events keep coming, at once after a quiet spell', async () => {
    const gapMs = 40;
    const fanOut = new EventFanOut(gapMs);
    const stream = sink();
    fanOut.add(stream);
    fanOut.take(event());
    await turn();
    assert.equal(stream.writes.length, 1, 'the first event goes out on the next turn');
    const sentAt = performance.now();
    const held = [event(), event()];
    held.forEach((e) => fanOut.take(e));
    await turn();
    assert.equal(stream.writes.length, 1, 'held back within the gap');
    while (stream.writes.length < 2) {
      await sleep(5);
    }
    assert.ok(performance.now() - sentAt >= gapMs - 1, 'not before the gap is over');
    assert.equal(
      (stream.writes[1] as Buffer).toString(),
      held.map((e) => frameOf(e).toString()).join(''),
      'what waited, in one write',
    );
    await sleep(gapMs + 10);
    fanOut.take(event());
    await turn();
    assert.equal(stream.writes.length, 3, 'after a quiet spell, on the next turn again');
  });

  it('sends what waits within the gap at once on flush', async () => {
    const fanOut = new EventFanOut(10_000);
    const stream = sink();
    fanOut.add(stream);
    fanOut.take(event());
    await turn();
    fanOut.take(event());
    fanOut.flush();
    assert.equal(stream.writes.length, 2);
  });
});
