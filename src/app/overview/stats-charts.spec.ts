import { TestBed } from '@angular/core/testing';
import { StatsCharts } from './stats-charts';
import { statsFixture } from './stats-data.spec';

describe('StatsCharts', () => {
  async function render(stats = statsFixture()) {
    const fixture = TestBed.createComponent(StatsCharts);
    fixture.componentRef.setInput('stats', stats);
    fixture.componentRef.setInput('displayNames', new Map([['casey', 'Casey Ortiz']]));
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('shows four charts, each with a name for screen readers and its numbers as a table', async () => {
    const root = await render();
    const figures = [...root.querySelectorAll('figure')];
    expect(figures.map((f) => f.querySelector('figcaption')?.textContent?.trim())).toEqual([
      'Median time in each stage',
      'Claims approved per week (last 2 weeks)',
      'Overdue claims by stage',
      'Overdue claims by assignee',
    ]);
    for (const figure of figures) {
      expect(figure.querySelector('canvas[role="img"]')?.getAttribute('aria-label')).toMatch(
        /^Bar chart of /,
      );
      expect(figure.querySelectorAll('tbody tr').length).toBeGreaterThan(0);
    }
    const rows = [...figures[3].querySelectorAll('tbody tr')].map((tr) =>
      [...tr.children].map((cell) => cell.textContent?.trim()).join(' '),
    );
    expect(rows).toEqual(['Casey Ortiz 2', 'Nobody 1']);
    expect(root.querySelector('[data-testid="overdue-total"]')?.textContent).toContain(
      '3 claims are overdue.',
    );
  });

  it('says in words when nothing is overdue, instead of an empty chart', async () => {
    const stats = statsFixture();
    const root = await render({
      ...stats,
      overdue: { ...stats.overdue, total: 0, byAssignee: [] },
    });
    const figures = [...root.querySelectorAll('figure')];
    expect(figures[2].querySelector('canvas')).toBeNull();
    expect(figures[2].textContent).toContain('No claim is overdue.');
    expect(root.querySelector('[data-testid="overdue-total"]')?.textContent?.trim()).toBe(
      'No claim is overdue.',
    );
  });
});
