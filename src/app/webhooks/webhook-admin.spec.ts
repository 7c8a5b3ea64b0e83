import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { provideEffects } from '@ngrx/effects';
import { provideState, provideStore } from '@ngrx/store';
import type { Webhook, WebhookDelivery } from '../../domain/webhooks';
import * as webhooksEffects from './state/webhooks.effects';
import { webhooksFeature } from './state/webhooks.feature';
import { WebhookAdmin } from './webhook-admin';

/** The page's real state and effects over a testing HttpClient, as webhooks.routes.ts provides them. */
export function provideWebhooksPage() {
  return [
    provideHttpClient(),
    provideHttpClientTesting(),
    provideStore(),
    provideState(webhooksFeature),
    provideEffects(webhooksEffects),
  ];
}

export function webhook(overrides: Partial<Webhook> = {}): Webhook {
  return {
    id: 'w1',
    url: 'https://hooks.slack.com/services/T0/B0/x',
    events: ['*'],
    format: 'slack',
    createdBy: 'ada',
    createdAt: '2026-12-05T00:00:00.000Z',
    ...overrides,
  };
}

export function delivery(overrides: Partial<WebhookDelivery> = {}): WebhookDelivery {
  return {
    id: 'd1',
    event: 'claim.approved',
    status: 'delivered',
    attempts: 1,
    lastStatusCode: 200,
    lastError: null,
    createdAt: '2026-12-05T00:01:00.000Z',
    nextAttemptAt: null,
    deliveredAt: '2026-12-05T00:01:01.000Z',
    ...overrides,
  };
}

describe('WebhookAdmin', () => {
  let http: HttpTestingController;

  async function render(list: Webhook[] = [webhook()]) {
    TestBed.configureTestingModule({ providers: provideWebhooksPage() });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(WebhookAdmin);
    http.expectOne('/api/webhooks').flush(list);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    return { fixture, element, loader: TestbedHarnessEnvironment.loader(fixture) };
  }

  const rows = (element: HTMLElement) =>
    [...element.querySelectorAll('table.webhooks tbody tr')].map((row) =>
      [...row.querySelectorAll('td')].slice(0, 3).map((cell) => cell.textContent?.trim()),
    );

  afterEach(() => http.verify());

  it('lists the webhooks: receiver, events and format, never a secret', async () => {
    const { element } = await render([
      webhook(),
      webhook({
        id: 'w2',
        url: 'https://example.org/hook',
        events: ['claim.approved', 'note.added'],
        format: 'json',
      }),
    ]);
    expect(rows(element)).toEqual([
      ['https://hooks.slack.com/services/T0/B0/x', 'Every event', 'Slack / Mattermost'],
      ['https://example.org/hook', 'Approved, Note added', 'JSON'],
    ]);
  });

  it('says when there are none', async () => {
    const { element } = await render([]);
    expect(element.textContent).toContain('No webhooks yet');
  });

  it('deletes a webhook only after a yes', async () => {
    const { element, loader, fixture } = await render();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Delete' }))).click();
    http.expectNone({ method: 'DELETE' });
    expect(element.textContent).toContain('Nothing more will be sent there.');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Cancel' }))).click();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Delete' }))).click();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Yes, delete' }))).click();
    const request = http.expectOne('/api/webhooks/w1');
    expect(request.request.method).toBe('DELETE');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(rows(element)).toEqual([]);
    expect(element.textContent).toContain('No webhooks yet');
  });

  it('shows the deliveries of the webhook asked for, with retries and failures in words', async () => {
    const { element, loader, fixture } = await render();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Deliveries' }))).click();
    http.expectOne('/api/webhooks/w1/deliveries').flush([
      delivery({
        id: 'd4',
        event: 'note.added',
        status: 'pending',
        attempts: 0,
        lastStatusCode: null,
        deliveredAt: null,
        nextAttemptAt: '2026-12-05T00:02:00.000Z',
      }),
      delivery({
        id: 'd3',
        status: 'pending',
        attempts: 2,
        lastStatusCode: 500,
        lastError: 'HTTP 500 Internal Server Error',
        deliveredAt: null,
        nextAttemptAt: '2026-12-05T00:03:00.000Z',
      }),
      delivery({
        id: 'd2',
        status: 'failed',
        attempts: 10,
        lastStatusCode: null,
        lastError: 'Connection refused',
        deliveredAt: null,
      }),
      delivery(),
    ]);
    await fixture.whenStable();
    const cells = [...element.querySelectorAll('.deliveries tbody tr')].map((row) =>
      [...row.querySelectorAll('td')].map((cell) => cell.textContent?.trim()),
    );
    expect(cells.map((row) => [row[0], row[2], row[3], row[4]])).toEqual([
      ['Note added', 'Queued', '—', ''],
      ['Approved', 'Retrying (2 attempts so far)', '500', 'HTTP 500 Internal Server Error'],
      ['Approved', 'Failed after 10 attempts', '—', 'Connection refused'],
      ['Approved', 'Delivered', '200', ''],
    ]);
    // Queued behind an earlier delivery: no time of its own yet.
    expect(cells[0][5]).toBe('in line');
    expect(cells[1][5]).toMatch(/^next /);
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Refresh' }))).click();
    http.expectOne('/api/webhooks/w1/deliveries').flush([]);
    await fixture.whenStable();
    expect(element.textContent).toContain('Nothing sent yet');
  });

  it('says why the list cannot be shown, and tries again', async () => {
    TestBed.configureTestingModule({ providers: provideWebhooksPage() });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(WebhookAdmin);
    http
      .expectOne('/api/webhooks')
      .flush(
        { title: 'Forbidden', status: 403, detail: 'Only an admin can do this.' },
        { status: 403, statusText: 'Forbidden' },
      );
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('[data-testid="webhooks-error"]')?.textContent).toContain(
      'Only an admin can do this.',
    );
    const loader = TestbedHarnessEnvironment.loader(fixture);
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Try again' }))).click();
    http.expectOne('/api/webhooks').flush([webhook()]);
    await fixture.whenStable();
    expect(rows(element).length).toBe(1);
  });
});
