import { ERROR_CODES } from '@xops/contracts';
import { testDatabaseEngines } from '@xops/store';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertBundle, alertmanagerWebhook, ingestToken } from './alert-fixtures';
import { openTestApp, type TestApp } from './test-app';

// Enough runs to reach odd corners, few enough to keep the file under 20 s per engine.
const RUNS = 120;
const ALERTMANAGER = '/api/v1/integrations/alertmanager';
const GENERIC = '/api/v1/alerts/events';
const PAGERDUTY = '/v2/enqueue';

describe.each(testDatabaseEngines())('bad input to the alert endpoints on %s', (engine) => {
  let t: TestApp;
  let tokens: { alertmanager: string; alerts: string; pagerduty: string };
  beforeAll(async () => {
    t = await openTestApp(engine);
    const applied = await t.call({ method: 'POST', url: '/api/v1/apply', as: 'editor', payload: { documents: alertBundle } });
    expect(applied.statusCode, applied.body).toBe(200);
    tokens = {
      alertmanager: await ingestToken(t.store, 'am', ['ingest:alertmanager']),
      alerts: await ingestToken(t.store, 'json', ['ingest:alerts']),
      pagerduty: await ingestToken(t.store, 'pd', ['ingest:pagerduty']),
    };
  });
  afterAll(async () => { await t.close(); });

  const send = (url: string, payload: string, options: { token?: string; contentType?: string } = {}) => t.app.inject({
    method: 'POST', url, payload,
    headers: {
      'content-type': options.contentType ?? 'application/json',
      ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
    },
  });
  const refusal = async (url: string, token: string, body: unknown) => {
    const response = await send(url, JSON.stringify(body), { token });
    return { status: response.statusCode, code: response.json().error?.code, message: response.json().error?.message };
  };
  const firing = alertmanagerWebhook({ status: 'firing', startsAt: '2026-03-04T10:00:00Z' });
  const withLabels = (labels: Record<string, unknown>) => ({ ...firing, alerts: [{ ...firing.alerts[0], labels }] });

  it('refuses malformed JSON, wrong shapes and unknown label encodings with a 400 that names the field', async () => {
    expect(await refusal(ALERTMANAGER, tokens.alertmanager, { ...firing, alerts: {} })).toEqual({
      status: 400, code: 'XOPS_ERR_VALIDATION', message: 'Invalid body: alerts: alerts is the list of the group\'s alerts',
    });
    expect(await refusal(ALERTMANAGER, tokens.alertmanager, withLabels({ alertname: 'X', severity: 3 }))).toEqual({
      status: 400, code: 'XOPS_ERR_VALIDATION', message: 'Invalid body: alerts.0.labels.severity: a label value is text (a JSON string), not number 3; quote it: "3"',
    });
    expect((await refusal(ALERTMANAGER, tokens.alertmanager, withLabels({ alertname: 'X', team: { name: 'payments' }, 'service.name': 'cart' }))).message).toBe(
      'Invalid body: alerts.0.labels.team: a label value is text (a JSON string), not an object; '
      + 'alerts.0.labels.service.name: a label name has letters, digits and _, and does not start with a digit (Prometheus\'s classic names; UTF-8 names are not taken)',
    );
    expect((await refusal(ALERTMANAGER, tokens.alertmanager, withLabels({}))).message).toBe(
      'Invalid body: alerts.0.labels: an alert needs at least one label, e.g. {"alertname": "HighLatency", "service": "checkout"}',
    );
    expect((await refusal(ALERTMANAGER, tokens.alertmanager, { ...firing, version: '3' })).message).toBe(
      'Invalid body: version: xops takes the webhook payload version "4" (every Alertmanager since 0.16 sends it)',
    );
    expect((await refusal(ALERTMANAGER, tokens.alertmanager, { ...firing, alerts: [{ ...firing.alerts[0], startsAt: 'yesterday' }] })).message).toBe(
      'Invalid body: alerts.0.startsAt: an RFC 3339 time, e.g. 2026-08-21T03:14:00.000Z',
    );
    expect(await refusal(ALERTMANAGER, tokens.alertmanager, withLabels({ alertname: 'X\u0000Y' }))).toEqual({
      status: 400, code: 'XOPS_ERR_VALIDATION', message: 'Invalid body: alerts.0.labels.alertname: The text contains a NUL character (U+0000), which cannot be stored.',
    });
    const malformed = await send(ALERTMANAGER, '{"alerts": [', { token: tokens.alertmanager });
    expect([malformed.statusCode, malformed.json().error.code]).toEqual([400, 'XOPS_ERR_BAD_JSON']);
    const text = await send(ALERTMANAGER, 'alertname=X', { token: tokens.alertmanager, contentType: 'text/plain' });
    expect([text.statusCode, text.json().error.code]).toEqual([415, 'XOPS_ERR_UNSUPPORTED_MEDIA_TYPE']);

    expect((await refusal(GENERIC, tokens.alerts, [{ labels: { alertname: 'A' }, status: 'firing' }, { labels: { alertname: 'B', up: true }, status: 'firing' }])).message).toBe(
      'Invalid body: 1.labels.up: a label value is text (a JSON string), not boolean true; quote it: "true"',
    );
    expect((await refusal(GENERIC, tokens.alerts, { lables: { alertname: 'A' }, status: 'firing' })).message).toBe(
      'Invalid body: labels: Invalid input: expected record, received undefined; (root): Unrecognized key: "lables"',
    );
    expect((await refusal(GENERIC, tokens.alerts, { labels: { alertname: 'A' }, status: 'open' })).message).toBe('Invalid body: status: status is firing or resolved');
    expect((await refusal(GENERIC, tokens.alerts, [])).message).toBe('Invalid body: (root): send at least one event');
    // Nothing of a refused request was kept.
    expect(await t.store.listIncomingAlerts({ now: Date.now() })).toEqual([]);
  });

  it('refuses huge bodies with 413', async () => {
    const huge = JSON.stringify({ ...firing, padding: 'x'.repeat(4 * 1024 * 1024) });
    const response = await send(ALERTMANAGER, huge, { token: tokens.alertmanager });
    expect([response.statusCode, response.json().error]).toEqual([413, { code: 'XOPS_ERR_BODY_TOO_LARGE', message: ERROR_CODES.XOPS_ERR_BODY_TOO_LARGE, details: { limitBytes: 4 * 1024 * 1024 } }]);
    const generic = await send(GENERIC, JSON.stringify({ labels: { alertname: 'A' }, status: 'firing', annotations: { big: 'x'.repeat(5 * 1024 * 1024) } }), { token: tokens.alerts });
    expect(generic.statusCode).toBe(413);
    const pagerduty = await send(PAGERDUTY, JSON.stringify({ routing_key: tokens.pagerduty, event_action: 'trigger', padding: 'x'.repeat(600 * 1024) }));
    expect([pagerduty.statusCode, pagerduty.json()]).toEqual([413, { status: 'invalid event', message: ERROR_CODES.XOPS_ERR_BODY_TOO_LARGE, errors: [ERROR_CODES.XOPS_ERR_BODY_TOO_LARGE] }]);
  });

  it('answers bad PagerDuty events in PagerDuty\'s shape', async () => {
    const answer = async (payload: string, token?: string) => {
      const response = await send(PAGERDUTY, payload, { token });
      return [response.statusCode, response.json()];
    };
    expect(await answer('{"routing_key": ', tokens.pagerduty)).toEqual([400, { status: 'invalid event', message: 'Event object is invalid', errors: [ERROR_CODES.XOPS_ERR_BAD_JSON] }]);
    expect(await answer(JSON.stringify({ event_action: 'trigger' }))).toEqual([401, {
      status: 'unauthorized', message: 'Send an xops token with scope ingest:pagerduty as routing_key, or as "Authorization: Bearer xops_…".',
      errors: ['Send an xops token with scope ingest:pagerduty as routing_key, or as "Authorization: Bearer xops_…".'],
    }]);
    expect(await answer(JSON.stringify({ routing_key: tokens.pagerduty, event_action: 'snooze', payload: { summary: 'x', source: 'y', severity: 'info' } }))).toEqual([400, {
      status: 'invalid event', message: 'Event object is invalid', errors: ['\'event_action\' must be one of trigger, acknowledge or resolve'],
    }]);
    expect(await answer(JSON.stringify({ routing_key: tokens.pagerduty, event_action: 'trigger' }))).toEqual([400, {
      status: 'invalid event', message: 'Event object is invalid', errors: ['\'payload\' is missing'],
    }]);
    expect(await answer(JSON.stringify({ routing_key: tokens.pagerduty, event_action: 'resolve' }))).toEqual([400, {
      status: 'invalid event', message: 'Event object is invalid', errors: ['\'dedup_key\' is missing: resolve needs the dedup_key of the alert it changes'],
    }]);
    const nul = await answer(JSON.stringify({ routing_key: tokens.pagerduty, event_action: 'trigger', payload: { summary: 'a\u0000b', source: 'y', severity: 'info' } }));
    expect(nul).toEqual([400, { status: 'invalid event', message: 'Event object is invalid', errors: ['Invalid body: payload.summary: The text contains a NUL character (U+0000), which cannot be stored.'] }]);
    // A token of another scope is refused by name.
    expect((await answer(JSON.stringify({ routing_key: tokens.alerts, event_action: 'resolve', dedup_key: 'x' })))[0]).toBe(403);
    // Acknowledging or resolving an alert never triggered is accepted and changes nothing, as PagerDuty drops it.
    expect(await answer(JSON.stringify({ routing_key: tokens.pagerduty, event_action: 'acknowledge', dedup_key: 'never-seen' }))).toEqual([202, { status: 'success', message: 'Event processed', dedup_key: 'never-seen' }]);
  });

  /** Bad input may be refused, but only with a 4xx that says why, never a 5xx. */
  const expectHandled = (response: LightMyRequestResponse, pagerduty: boolean) => {
    expect(response.statusCode, response.body).toBeLessThan(500);
    if (response.statusCode < 400) return;
    const body = response.json();
    if (pagerduty) expect(typeof body.status === 'string' && Array.isArray(body.errors)).toBe(true);
    else expect(Object.keys(ERROR_CODES)).toContain(body.error.code);
  };
  const endpoints = () => [
    { url: ALERTMANAGER, token: tokens.alertmanager, pagerduty: false },
    { url: GENERIC, token: tokens.alerts, pagerduty: false },
    { url: PAGERDUTY, token: tokens.pagerduty, pagerduty: true },
  ];

  it('answers any JSON value with a 2xx or a 4xx, never a 5xx', async () => {
    for (const endpoint of endpoints()) {
      await fc.assert(fc.asyncProperty(fc.jsonValue(), async (value) => {
        expectHandled(await send(endpoint.url, JSON.stringify(value), { token: endpoint.token }), endpoint.pagerduty);
      }), { numRuns: RUNS });
    }
  });

  it('answers mangled but plausible alerts with a 2xx or a 4xx, never a 5xx', async () => {
    // Mostly well-formed, so that the fuzzing reaches the store; now and then anything at all.
    const mostly = <T>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 5, arbitrary: good }, { weight: 1, arbitrary: fc.anything() });
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('firing', 'resolved', '2026-03-04T10:00:00Z', '0001-01-01T00:00:00Z', 'c4f2a1d0e9b87a36'));
    const time = mostly(fc.oneof(fc.date({ noInvalidDate: true }).map((date) => date.toISOString()), fc.constantFrom('0001-01-01T00:00:00Z', '2026-03-04T10:00:00.123456789+02:00'), text));
    const labels = mostly(fc.dictionary(fc.oneof({ weight: 5, arbitrary: fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/) }, { weight: 1, arbitrary: fc.string({ unit: 'binary' }) }), mostly(text), { minKeys: 1, maxKeys: 6 }));
    const status = mostly(fc.constantFrom('firing', 'resolved'));
    const amAlert = fc.record({ status, labels, annotations: labels, startsAt: time, endsAt: time, generatorURL: text, fingerprint: text }, { requiredKeys: ['status', 'labels', 'startsAt'] });
    const event = fc.record({ labels, annotations: labels, status, startsAt: time, endsAt: mostly(fc.oneof(time, fc.nat())), dedupKey: text }, { requiredKeys: ['labels', 'status'] });
    const bodies: Record<string, fc.Arbitrary<unknown>> = {
      [ALERTMANAGER]: fc.record({ version: mostly(fc.constant('4')), groupKey: text, receiver: text, truncatedAlerts: mostly(fc.nat()), alerts: fc.array(amAlert, { maxLength: 4 }) }, { requiredKeys: ['alerts'] }),
      [GENERIC]: fc.oneof(event, fc.array(event, { minLength: 1, maxLength: 4 })),
      [PAGERDUTY]: fc.record({
        routing_key: mostly(fc.constant(tokens.pagerduty)), event_action: mostly(fc.constantFrom('trigger', 'acknowledge', 'resolve')), dedup_key: mostly(fc.constantFrom('a', 'b', 'c')),
        payload: mostly(fc.record({
          summary: text, source: text, severity: mostly(fc.constantFrom('critical', 'info')), timestamp: time, component: fc.constantFrom('payments-api', 'x'), custom_details: fc.anything(),
        }, { requiredKeys: ['summary', 'source', 'severity'] })),
      }, { requiredKeys: ['routing_key', 'event_action'] }),
    };
    const seen = new Set<string>();
    for (const endpoint of endpoints()) {
      await fc.assert(fc.asyncProperty(bodies[endpoint.url] ?? fc.anything(), async (value) => {
        // PagerDuty's token travels in the body; the others in the header.
        const response = await send(endpoint.url, JSON.stringify(value) ?? 'null', { token: endpoint.pagerduty ? undefined : endpoint.token });
        seen.add(`${endpoint.url} ${Math.floor(response.statusCode / 100)}xx`);
        expectHandled(response, endpoint.pagerduty);
        // A fixed seed: the check below, that the runs reach both outcomes, must not depend on
        // luck (the test above fuzzes with a new seed every run).
      }), { numRuns: RUNS, seed: 20_261_127 });
    }
    // The runs reached both the refusals and the store, on every endpoint.
    expect([...seen].sort()).toEqual(expect.arrayContaining([ALERTMANAGER, GENERIC, PAGERDUTY].flatMap((url) => [`${url} 2xx`, `${url} 4xx`])));
  });
});
