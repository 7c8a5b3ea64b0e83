import { HttpTestingController } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { Store } from '@ngrx/store';
import type { NewWebhook } from '../../domain/webhooks';
import { webhooksFeature } from './state/webhooks.feature';
import { provideWebhooksPage, webhook } from './webhook-admin.spec';
import { WebhookForm } from './webhook-form';

describe('WebhookForm', () => {
  let http: HttpTestingController;
  afterEach(() => http.verify());

  async function render() {
    TestBed.configureTestingModule({ providers: provideWebhooksPage() });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(WebhookForm);
    /** The webhooks the page lists: those the server took. */
    const added = TestBed.inject(Store).selectSignal(webhooksFeature.selectAll);
    await fixture.whenStable();
    const loader = TestbedHarnessEnvironment.loader(fixture);
    const input = (name: string) =>
      loader.getHarness(MatInputHarness.with({ selector: `[formControlName="${name}"]` }));
    const select = (label: string) =>
      loader.getHarness(MatSelectHarness.with({ selector: `[formControlName="${label}"]` }));
    const submit = () =>
      loader.getHarness(MatButtonHarness.with({ text: 'Add webhook' })).then((b) => b.click());
    return { fixture, loader, added, input, select, submit };
  }

  it('starts with a fresh random secret, every event and the Slack format', async () => {
    const { input, select } = await render();
    expect(await (await input('secret')).getValue()).toMatch(/^[0-9a-f]{64}$/);
    expect(await (await select('events')).getValueText()).toBe('Every event');
    expect(await (await select('format')).getValueText()).toBe('Slack / Mattermost');
  });

  it('adds the webhook as typed, then clears the form with a new secret', async () => {
    const { fixture, input, select, submit, added } = await render();
    await (await input('url')).setValue(' https://chat.example.org/hooks/abc ');
    const events = await select('events');
    await events.open();
    await events.clickOptions({ text: 'Approved' });
    await events.clickOptions({ text: 'Note added' });
    await events.close();
    expect(await events.getValueText()).toBe('Approved, Note added');
    await (await select('format')).clickOptions({ text: 'JSON' });
    await (await input('secret')).setValue('sixteen chars or more');
    await submit();
    const request = http.expectOne('/api/webhooks');
    expect(request.request.method).toBe('POST');
    expect(request.request.body as NewWebhook).toEqual({
      url: 'https://chat.example.org/hooks/abc',
      format: 'json',
      events: ['claim.approved', 'note.added'],
      secret: 'sixteen chars or more',
    });
    request.flush(webhook({ id: 'w9' }), { status: 201, statusText: 'Created' });
    await fixture.whenStable();
    expect(added().map((w) => w.id)).toEqual(['w9']);
    expect(await (await input('url')).getValue()).toBe('');
    // Cleared as a form not yet sent: the emptied address is not shown as an error.
    expect((fixture.nativeElement as HTMLElement).textContent).not.toContain(
      'An http:// or https:// address',
    );
    const secret = await (await input('secret')).getValue();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(secret).not.toBe('sixteen chars or more');
  });

  it('choosing "Every event" clears single events, and a single event clears "Every event"', async () => {
    const { select } = await render();
    const events = await select('events');
    await events.open();
    await events.clickOptions({ text: 'Submitted for review' });
    expect(await events.getValueText()).toBe('Submitted for review');
    await events.clickOptions({ text: 'Every event' });
    expect(await events.getValueText()).toBe('Every event');
  });

  it('sends nothing for an address that is not http(s) or a short secret', async () => {
    const { fixture, input, submit } = await render();
    await (await input('url')).setValue('ftp://example.org/hook');
    await submit();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.textContent).toContain('An http:// or https:// address');
    // The rule the server applies (src/domain/claim.ts): a host that leads somewhere.
    await (await input('url')).setValue('http://./');
    await submit();
    expect(element.textContent).toContain('An http:// or https:// address');
    await (await input('url')).setValue('https://example.org/hook');
    await (await input('secret')).setValue('too short');
    await submit();
    expect(element.textContent).toContain('At least 16 characters');
    http.expectNone('/api/webhooks');
  });

  it("shows the server's refusal naming the field as the form does, and keeps what was typed", async () => {
    const { fixture, input, submit, added } = await render();
    await (await input('url')).setValue('http://169.254.169.254/latest/meta-data');
    await submit();
    http.expectOne('/api/webhooks').flush(
      {
        title: 'Invalid request',
        status: 400,
        detail: '/body/url: 169.254.169.254 is a private or local address',
        field: '/body/url',
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    const alert = (fixture.nativeElement as HTMLElement).querySelector('[role="alert"]');
    expect(alert?.textContent?.trim()).toBe(
      'Receiver URL: 169.254.169.254 is a private or local address',
    );
    expect(await (await input('url')).getValue()).toBe('http://169.254.169.254/latest/meta-data');
    expect(added()).toEqual([]);
  });
});
