import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  inject,
  input,
  viewChild,
} from '@angular/core';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
} from 'chart.js';

// Only what a bar chart needs: the rest of Chart.js stays out of the bundle.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

/** One bar of a chart. `colour` is any CSS colour, custom properties included. */
export interface ChartBar {
  readonly label: string;
  readonly value: number;
  readonly colour: string;
}

/**
 * A bar chart drawn by Chart.js on a canvas. The canvas is an image to a
 * screen reader, named by `description`; the numbers themselves are in the
 * table its parent puts beside it.
 */
@Component({
  selector: 'cd-bar-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="frame" [style.height.px]="height()">
      <canvas #canvas role="img" [attr.aria-label]="description()"></canvas>
    </div>
    <span #probe class="probe" aria-hidden="true"></span>
  `,
  styles: `
    :host {
      display: block;
    }
    .frame {
      position: relative;
    }
    .probe {
      display: none;
    }
  `,
})
export class BarChart {
  readonly bars = input.required<readonly ChartBar[]>();
  /** What the chart shows, in a sentence: the canvas's name for screen readers. */
  readonly description = input.required<string>();
  /** Bars along the vertical axis, for long labels (stages, people). */
  readonly horizontal = input(false);
  /** The value axis's title, with its unit ("Hours", "Claims"). */
  readonly valueTitle = input('');
  readonly height = input(220);

  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private readonly probe = viewChild.required<ElementRef<HTMLElement>>('probe');
  private chart: Chart<'bar'> | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.chart?.destroy());
    afterRenderEffect({
      write: () => {
        const bars = this.bars();
        const horizontal = this.horizontal();
        const valueTitle = this.valueTitle();
        this.draw(bars, horizontal, valueTitle);
      },
    });
  }

  /** A CSS colour (custom properties and light-dark() included) as the canvas can paint it. */
  private resolve(colour: string): string {
    const probe = this.probe().nativeElement;
    probe.style.color = colour;
    return getComputedStyle(probe).color || colour;
  }

  private draw(bars: readonly ChartBar[], horizontal: boolean, valueTitle: string): void {
    const text = this.resolve('var(--mat-sys-on-surface-variant)');
    const grid = this.resolve('var(--mat-sys-outline-variant)');
    const labels = bars.map((bar) => bar.label);
    const data = bars.map((bar) => bar.value);
    const colours = bars.map((bar) => this.resolve(bar.colour));
    if (this.chart) {
      this.chart.data.labels = labels;
      this.chart.data.datasets[0].data = data;
      this.chart.data.datasets[0].backgroundColor = colours;
      this.chart.update();
      return;
    }
    const valueAxis = {
      beginAtZero: true,
      ticks: { color: text, precision: 0 },
      grid: { color: grid },
      title: { display: valueTitle !== '', text: valueTitle, color: text },
    };
    const categoryAxis = { ticks: { color: text }, grid: { display: false } };
    this.chart = new Chart(this.canvas().nativeElement, {
      type: 'bar',
      data: { labels, datasets: [{ label: valueTitle, data, backgroundColor: colours }] },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: false } },
        scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
      },
    });
  }
}
