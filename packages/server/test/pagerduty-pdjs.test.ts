import { readFileSync } from 'node:fs';
import { Agent, createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { acknowledge, resolve, trigger } from '@pagerduty/pdjs';
import type { IncidentDetailsBody } from '@xops/contracts';
import { testDatabaseEngines } from '@xops/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../src/clock/fake-clock';
import { alertBundle, ingestToken } from './alert-fixtures';
import { openTestApp, type TestApp } from './test-app';

type EventPayloadV2 = Parameters<typeof trigger>[0]['data'];

// PagerDuty's own client always speaks https (`https://${server}/v2/enqueue`): the app is served
// over TLS with a self-signed certificate for 127.0.0.1 made for these tests only (test/tls/),
// which the client's agent trusts.
const cert = readFileSync(new URL('tls/localhost-cert.pem', import.meta.url));
const key = readFileSync(new URL('tls/localhost-key.pem', import.meta.url));
const T0 = Date.UTC(2026, 2, 4, 10, 0, 0);
const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe.each(testDatabaseEngines())('PagerDuty\'s client (@pagerduty/pdjs) against /v2/enqueue on %s', (engine) => {
  let t: TestApp;
  let clock: FakeClock;
  let server: Server;
  let routingKey: string;
  beforeEach(async () => {
    clock = new FakeClock(T0);
    t = await openTestApp(engine, { clock });
    const applied = await t.call({ method: 'POST', url: '/api/v1/apply', as: 'editor', payload: { documents: alertBundle } });
    expect(applied.statusCode, applied.body).toBe(200);
    routingKey = await ingestToken(t.store, 'payments-api-monitor', ['ingest:pagerduty']);
    await t.app.ready();
    server = createServer({ key, cert }, (request, response) => t.app.routing(request, response));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  });
  afterEach(async () => {
    await new Promise((done) => server.close(done));
    await t.close();
  });

  /** What pdjs takes: the event, our server, and an agent that trusts its certificate. */
  const through = (data: Partial<EventPayloadV2>) => {
    const parameters = {
      server: `127.0.0.1:${(server.address() as AddressInfo).port}`,
      agent: new Agent({ ca: cert }),
      data: { routing_key: routingKey, ...data } as EventPayloadV2,
    };
    return parameters;
  };
  const incident = async () => {
    const details: IncidentDetailsBody = (await t.call({ url: '/api/v1/incidents/1', as: 'viewer' })).json();
    return details;
  };

  it('triggers an incident, acknowledges it and resolves it, with the routing_key as the token', async () => {
    const triggered = await trigger(through({
      payload: { summary: 'Payments API p99 above 2 s', source: 'payments-api-7f9c.example.internal', severity: 'critical', component: 'payments-api', custom_details: { p99: '2.4s' } },
    }));
    expect(triggered.status).toBe(202);
    expect(triggered.data).toEqual({ status: 'success', message: 'Event processed', dedup_key: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const dedupKey: string = triggered.data.dedup_key;
    // group_wait 0 s on the pagerduty route: the incident opened with the answer.
    expect(await incident()).toMatchObject({
      number: 1, title: 'Payments API p99 above 2 s', state: 'triggered', severity: 'SEV2', escalation: { policy: 'payments', status: 'active' },
    });

    clock.set(T0 + 2 * MINUTE);
    const acked = await acknowledge(through({ dedup_key: dedupKey }));
    expect([acked.status, acked.data]).toEqual([202, { status: 'success', message: 'Event processed', dedup_key: dedupKey }]);
    expect(await incident()).toMatchObject({ state: 'acknowledged', acknowledgedAt: iso(T0 + 2 * MINUTE), escalation: { status: 'stopped' } });

    clock.set(T0 + 7 * MINUTE);
    const resolved = await resolve(through({ dedup_key: dedupKey }));
    expect([resolved.status, resolved.data]).toEqual([202, { status: 'success', message: 'Event processed', dedup_key: dedupKey }]);
    const closed = await incident();
    expect(closed).toMatchObject({ state: 'resolved', resolvedAt: iso(T0 + 7 * MINUTE) });
    expect(closed.timeline.map((event) => [event.at, event.kind, event.actor, event.text])).toEqual([
      [iso(T0), 'opened', 'xops', '#1 opened: Payments API p99 above 2 s'],
      [iso(T0), 'alert', 'pagerduty', 'Alert: Payments API p99 above 2 s'],
      [iso(T0), 'escalation', 'xops', 'Escalation policy "payments" started'],
      [iso(T0), 'page', 'xops', 'Paged dora (level 1) by email dora@example.com'],
      [iso(T0 + 2 * MINUTE), 'state', 'payments-api-monitor', 'Acknowledged'],
      [iso(T0 + 2 * MINUTE), 'escalation', 'payments-api-monitor', 'Escalation stopped: the incident was acknowledged'],
      [iso(T0 + 7 * MINUTE), 'alert-resolved', 'pagerduty', 'Resolved: Payments API p99 above 2 s'],
      [iso(T0 + 7 * MINUTE), 'state', 'xops', 'Resolved'],
    ]);
  });

  it('answers a bad event and a bad routing_key in PagerDuty\'s shape', async () => {
    const invalid = await trigger(through({ payload: { summary: '', source: 'x', severity: 'fatal' as 'critical' } }));
    expect([invalid.status, invalid.data]).toEqual([400, {
      status: 'invalid event', message: 'Event object is invalid',
      errors: ['\'payload.summary\' must not be blank', '\'payload.severity\' must be one of critical, error, warning or info'],
    }]);
    const stranger = await resolve({ ...through({ dedup_key: 'x' }), data: { routing_key: 'R0UT1NGKEY', event_action: 'resolve', dedup_key: 'x' } as EventPayloadV2 });
    expect(stranger.status).toBe(401);
    expect(stranger.data).toMatchObject({ status: 'unauthorized', errors: ['The routing_key is not a valid xops token: create one with xops token create NAME --scope ingest:pagerduty'] });
  });
});
