import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { drawnInSteps } from './after-paint';

/** A page of three parts, drawn in steps once `ready` is true. */
@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (drawn() >= 1) {
      <p class="one">one</p>
    }
    @if (drawn() >= 2) {
      <p class="two">two</p>
    }
    @if (drawn() >= 3) {
      <p class="three">three</p>
    }
  `,
})
class StepsHost {
  readonly ready = signal(false);
  readonly drawn = drawnInSteps(() => this.ready(), 3);
}

/** The parts drawn, in document order. */
function parts(element: HTMLElement): string[] {
  return [...element.querySelectorAll('p')].map((p) => p.className);
}

/** One macrotask: what `drawnInSteps` waits for between parts. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve));
}

describe('drawnInSteps', () => {
  it('draws nothing until ready, and the page is stable meanwhile', async () => {
    const fixture = TestBed.createComponent(StepsHost);
    await fixture.whenStable();
    expect(parts(fixture.nativeElement)).toEqual([]);
  });

  it('draws the first part in the pass that finds it ready, each next one in a later task', async () => {
    const fixture = TestBed.createComponent(StepsHost);
    fixture.componentInstance.ready.set(true);
    fixture.detectChanges();
    expect(parts(fixture.nativeElement)).toEqual(['one']);
    await nextTask();
    fixture.detectChanges();
    expect(parts(fixture.nativeElement)).toEqual(['one', 'two']);
    await nextTask();
    fixture.detectChanges();
    expect(parts(fixture.nativeElement)).toEqual(['one', 'two', 'three']);
  });

  it('counts as pending work until the last part is drawn, and stops there', async () => {
    const fixture = TestBed.createComponent(StepsHost);
    fixture.componentInstance.ready.set(true);
    await fixture.whenStable();
    expect(parts(fixture.nativeElement)).toEqual(['one', 'two', 'three']);
    expect(fixture.componentInstance.drawn()).toBe(3);
    await nextTask();
    await fixture.whenStable();
    expect(fixture.componentInstance.drawn()).toBe(3);
  });
});
