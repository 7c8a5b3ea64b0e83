import { TestBed } from '@angular/core/testing';
import { Chart } from 'chart.js';
import { BarChart } from './bar-chart';

describe('BarChart', () => {
  async function render() {
    const fixture = TestBed.createComponent(BarChart);
    fixture.componentRef.setInput('bars', [
      { label: 'New', value: 5, colour: 'rgb(1, 2, 3)' },
      { label: 'In review', value: 74, colour: 'var(--probe-colour, rgb(4, 5, 6))' },
    ]);
    fixture.componentRef.setInput('description', 'Median time in each stage.');
    fixture.componentRef.setInput('horizontal', true);
    fixture.componentRef.setInput('valueTitle', 'Hours');
    document.body.appendChild(fixture.nativeElement);
    await fixture.whenStable();
    const canvas = (fixture.nativeElement as HTMLElement).querySelector('canvas')!;
    return { fixture, canvas };
  }

  it('draws the bars with Chart.js, named for screen readers', async () => {
    const { fixture, canvas } = await render();
    expect(canvas.getAttribute('role')).toBe('img');
    expect(canvas.getAttribute('aria-label')).toBe('Median time in each stage.');
    const chart = Chart.getChart(canvas)!;
    expect(chart.data.labels).toEqual(['New', 'In review']);
    expect(chart.data.datasets[0].data).toEqual([5, 74]);
    // CSS colours, custom properties included, reach the canvas resolved.
    expect(chart.data.datasets[0].backgroundColor).toEqual(['rgb(1, 2, 3)', 'rgb(4, 5, 6)']);
    expect(chart.options.indexAxis).toBe('y');
    fixture.destroy();
    expect(Chart.getChart(canvas)).toBeUndefined();
  });

  it('redraws the same chart when the numbers change', async () => {
    const { fixture, canvas } = await render();
    const chart = Chart.getChart(canvas);
    fixture.componentRef.setInput('bars', [{ label: 'New', value: 9, colour: 'red' }]);
    await fixture.whenStable();
    expect(Chart.getChart(canvas)).toBe(chart);
    expect(chart?.data.datasets[0].data).toEqual([9]);
    fixture.destroy();
  });
});
