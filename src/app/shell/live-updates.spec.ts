import { ApplicationRef, PendingTasks } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { LiveMessage, LiveUpdates } from './live-updates';

/** Stands in for the browser's EventSource: the test opens it and sends what it likes. */
class FakeEventSource {
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onmessage: ((message: MessageEvent<string>) => void) | null = null;
  closed = false;
  close(): void {
    this.closed = true;
  }
  send(data: object): void {
    this.onmessage?.({ data: JSON.stringify(data) } as MessageEvent<string>);
  }
}

/** The task after the browser's next frame (when LiveUpdates hands on what it held). */
const afterNextFrame = () =>
  new Promise((painted) => requestAnimationFrame(() => setTimeout(painted)));

/** Frames go by until `done` (at most 20 of them). */
async function framesUntil(done: () => boolean): Promise<void> {
  for (let frame = 0; frame < 20 && !done(); frame++) {
    await afterNextFrame();
  }
}

describe('LiveUpdates', () => {
  let source: FakeEventSource;

  beforeEach(() => {
    source = new FakeEventSource();
    spyOn(window, 'EventSource').and.callFake(function () {
      return source as unknown as EventSource;
    });
  });

  it('holds the messages while the first page is being drawn, then hands them on in order', async () => {
    const firstPage = TestBed.inject(PendingTasks).add();
    const seen: LiveMessage['kind'][] = [];
    TestBed.inject(LiveUpdates)
      .connect()
      .subscribe((message) => seen.push(message.kind));
    source.onopen?.();
    source.send({ id: 1, type: 'claim.changed', data: {} });
    await afterNextFrame();
    await afterNextFrame();
    expect(seen).toEqual([]);

    firstPage();
    await TestBed.inject(ApplicationRef).whenStable();
    await framesUntil(() => seen.length > 0);
    expect(seen).toEqual(['open', 'change']);
    // Once the page is there, each message is handed on as it comes.
    source.onerror?.();
    expect(seen).toEqual(['open', 'change', 'error']);
  });

  it('hands nothing on to a subscriber gone before the page was drawn, and closes the stream', async () => {
    const firstPage = TestBed.inject(PendingTasks).add();
    const seen: LiveMessage['kind'][] = [];
    const subscription = TestBed.inject(LiveUpdates)
      .connect()
      .subscribe((message) => seen.push(message.kind));
    source.onopen?.();
    subscription.unsubscribe();
    expect(source.closed).toBeTrue();
    firstPage();
    await TestBed.inject(ApplicationRef).whenStable();
    await afterNextFrame();
    await afterNextFrame();
    expect(seen).toEqual([]);
  });
});
