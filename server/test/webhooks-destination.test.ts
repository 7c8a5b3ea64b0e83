/**
 * Where webhooks may send: public addresses only unless WEBHOOKS_ALLOW_PRIVATE_NETWORK
 * is set (server/webhooks/destination.ts). Refused when added, when an address can be
 * told from the URL, and at every delivery's connection otherwise.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fetch } from 'undici';
import { configFromEnv, flagFromEnv } from '../config';
import {
  isPublicAddress,
  PrivateDestinationError,
  publicOnlyDispatcher,
} from '../webhooks/destination';
import { json, startApp, withCast } from './harness';
import { until } from './until';
import {
  addWebhook,
  deliveries,
  FAST_TIMINGS,
  handover,
  seedClaimIds,
  startReceiver,
  WEBHOOK_SECRET,
} from './webhooks-receiver';

describe('webhook destinations', () => {
  it('count only public unicast addresses as public', () => {
    for (const address of ['8.8.8.8', '93.184.216.34', '2606:4700:4700::1111']) {
      assert.equal(isPublicAddress(address), true, address);
    }
    const local = [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254', // cloud metadata service
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      '::',
      'fe80::1',
      'fd12:3456::1',
      '::ffff:127.0.0.1', // IPv4 loopback written as IPv6
      'not an address',
    ];
    for (const address of local) {
      assert.equal(isPublicAddress(address), false, address);
    }
  });

  it('WEBHOOKS_ALLOW_PRIVATE_NETWORK is off unless set, and a wrong value is refused by name', () => {
    assert.equal(configFromEnv({}).webhooksAllowPrivateNetwork, false);
    assert.equal(
      configFromEnv({ WEBHOOKS_ALLOW_PRIVATE_NETWORK: '1' }).webhooksAllowPrivateNetwork,
      true,
    );
    assert.equal(flagFromEnv('X', 'false'), false);
    assert.throws(
      () => flagFromEnv('WEBHOOKS_ALLOW_PRIVATE_NETWORK', 'yes please'),
      /WEBHOOKS_ALLOW_PRIVATE_NETWORK/,
    );
  });

  it('an admin cannot add a webhook to a private or local address; a public one is added', async () => {
    const h = await startApp({ webhooksAllowPrivateNetwork: false, claimsDir: null });
    try {
      await withCast(h);
      for (const url of [
        'http://127.0.0.1:9/hook',
        'http://[::1]/hook',
        'http://localhost:8080/hook',
        'http://169.254.169.254/latest/meta-data',
        'https://10.0.0.5/hooks/abc',
      ]) {
        const response = await h.as('ada', {
          method: 'POST',
          url: '/api/webhooks',
          payload: { url, events: ['*'], secret: WEBHOOK_SECRET },
        });
        assert.equal(response.statusCode, 400, url);
        const problem = json<{ field: string; detail: string }>(response);
        assert.equal(problem.field, '/body/url');
        assert.match(problem.detail, /private or local address.*WEBHOOKS_ALLOW_PRIVATE_NETWORK=1/);
      }
      assert.equal((await h.as('ada', { url: '/api/webhooks' })).body, '[]', 'nothing was added');
      // A public address, and a name (checked when a delivery connects), are added.
      await addWebhook(h, 'https://93.184.216.34/hook');
      await addWebhook(h, 'https://chat.example.org/hooks/abc');
    } finally {
      await h.close();
    }
  });

  it('deliveries stop reaching a local receiver once the setting is off, saying why', async () => {
    const receiver = await startReceiver();
    const dir = mkdtempSync(join(tmpdir(), 'claimdesk-destination-'));
    // Added while private addresses were allowed …
    const allowed = await startApp({ dir, webhookTimings: FAST_TIMINGS });
    let hookId: string;
    try {
      await withCast(allowed);
      hookId = (await addWebhook(allowed, receiver.url)).id;
    } finally {
      await allowed.close();
    }
    // … then the server runs without the setting.
    const h = await startApp({
      dir,
      webhookTimings: { ...FAST_TIMINGS, maxAttempts: 1 },
      webhooksAllowPrivateNetwork: false,
    });
    try {
      const [claimId] = await seedClaimIds(h);
      await handover(h, 'approved', claimId, 'dana');
      await until('the delivery given up', async () =>
        (await deliveries(h, hookId)).some((delivery) => delivery.status === 'failed'),
      );
      const [failed] = await deliveries(h, hookId);
      assert.match(
        failed.lastError ?? '',
        /^Not sent: 127\.0\.0\.1 is a private or local address \(WEBHOOKS_ALLOW_PRIVATE_NETWORK allows it\)$/,
      );
      assert.equal(receiver.received.length, 0, 'nothing reached the receiver');
    } finally {
      await h.close();
      await receiver.close();
    }
  });

  it('a name that resolves to a local address is refused when the connection is made', async () => {
    const receiver = await startReceiver();
    const dispatcher = publicOnlyDispatcher();
    try {
      // "localhost" resolves to loopback: the lookup refuses it before connecting.
      const url = receiver.url.replace('127.0.0.1', 'localhost');
      const error = await fetch(url, { method: 'POST', body: '{}', dispatcher }).then(
        () => null,
        (failure: unknown) => failure as { cause?: unknown },
      );
      assert.ok(error?.cause instanceof PrivateDestinationError, String(error?.cause));
      assert.match(String(error.cause), /localhost resolves to (127\.0\.0\.1|::1)/);
      assert.equal(receiver.received.length, 0);
    } finally {
      await dispatcher.close();
      await receiver.close();
    }
  });
});
