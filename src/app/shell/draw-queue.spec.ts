import { ChangeDetectionStrategy, Component, ErrorHandler, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { DrawQueue } from './draw-queue';

@Component({
  selector: 'cd-two-parts',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (first()) {
      <p class="first">first</p>
    }
    @if (second()) {
      <p class="second">second</p>
    }
  `,
})
class TwoParts {
  readonly first = signal(false);
  readonly second = signal(false);
}

describe('DrawQueue', () => {
  it('draws each part in a task of its own, in the order asked, each once the one before is rendered', async () => {
    const fixture = TestBed.createComponent(TwoParts);
    const element = fixture.nativeElement as HTMLElement;
    const queue = TestBed.inject(DrawQueue);
    const seen: string[] = [];
    queue.draw(() => {
      seen.push(`first drawn; on the page: ${element.querySelectorAll('p').length}`);
      fixture.componentInstance.first.set(true);
    });
    queue.draw(() => {
      seen.push(`second drawn; on the page: ${element.querySelector('.first') ? 'first' : '-'}`);
      fixture.componentInstance.second.set(true);
    });
    // Not in the task that asked, not even in its microtasks.
    await Promise.resolve();
    await Promise.resolve();
    expect(seen).toEqual([]);
    await fixture.whenStable();
    expect(seen).toEqual(['first drawn; on the page: 0', 'second drawn; on the page: first']);
    expect(element.querySelectorAll('p').length).toBe(2);
  });

  it('reports a part that fails and still draws the ones after it', async () => {
    const errors = jasmine.createSpyObj<ErrorHandler>('ErrorHandler', ['handleError']);
    TestBed.configureTestingModule({ providers: [{ provide: ErrorHandler, useValue: errors }] });
    const fixture = TestBed.createComponent(TwoParts);
    const queue = TestBed.inject(DrawQueue);
    queue.draw(() => {
      throw new Error('broken part');
    });
    queue.draw(() => fixture.componentInstance.second.set(true));
    await fixture.whenStable();
    expect(errors.handleError).toHaveBeenCalledWith(new Error('broken part'));
    expect((fixture.nativeElement as HTMLElement).querySelector('.second')).not.toBeNull();
  });
});
