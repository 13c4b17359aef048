import { fileURLToPath } from 'node:url';
import { testDatabaseEngines } from '@xops/store';
import protobuf from 'protobufjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkoutService } from './fixtures';
import { RecordingSink } from './telemetry-app';
import { openTestApp, type TestApp, type TestCaller } from './test-app';

// Scoped ingest tokens (ADR 0010): what an ingest token may call, and who else may call ingest.

const WriteRequest = protobuf.loadSync(fileURLToPath(new URL('../src/telemetry/remote-write/remote.proto', import.meta.url)))
  .lookupType('prometheus.WriteRequest');
const T = Date.UTC(2025, 2, 1, 12, 0, 0);

/**
 * A remote-write body of one sample, `up{job="a"} 1` at T. Snappy's block format by hand
 * (google/snappy format_description.txt): the length as a varint, then one literal element whose
 * tag byte is (length − 1) << 2; one byte each while the body stays under 61 bytes.
 */
function remoteWriteBody(): Buffer {
  const bytes = WriteRequest.encode(WriteRequest.fromObject({
    timeseries: [{ labels: [{ name: '__name__', value: 'up' }, { name: 'job', value: 'a' }], samples: [{ value: 1, timestamp: T }] }],
  })).finish();
  if (bytes.length > 60) throw new Error('the hand-made snappy literal holds at most 60 bytes');
  return Buffer.from([bytes.length, (bytes.length - 1) << 2, ...bytes]);
}

const RW_HEADERS = { 'content-type': 'application/x-protobuf', 'content-encoding': 'snappy', 'x-prometheus-remote-write-version': '0.1.0' };
const otlpBody = JSON.stringify({
  resourceMetrics: [{
    resource: { attributes: [{ key: 'service.name', value: { stringValue: 'checkout' } }] },
    scopeMetrics: [{ metrics: [{ name: 'up', gauge: { dataPoints: [{ timeUnixNano: `${T}000000`, asDouble: 1 }] } }] }],
  }],
});
const xops = { metricSource: { type: 'xops', spec: {} } };
const requestsSli = { apiVersion: 'openslo/v1', kind: 'SLI', metadata: { name: 'checkout-requests' }, spec: { ratioMetric: { good: xops, total: xops } } };
const VALID_SCOPES = 'ingest:metrics, ingest:alertmanager, ingest:pagerduty, ingest:alerts';

describe.each(testDatabaseEngines())('scoped ingest tokens on %s', (engine) => {
  let t: TestApp;
  let sink: RecordingSink;
  beforeEach(async () => {
    sink = new RecordingSink();
    t = await openTestApp(engine, { telemetry: () => ({ sink }) });
    const applied = await t.call({ method: 'POST', url: '/api/v1/apply', as: 'editor', payload: { documents: [{ object: checkoutService }, { object: requestsSli }] } });
    expect(applied.statusCode, applied.body).toBe(200);
  });
  afterEach(async () => { await t.close(); });

  /** The three ingest routes, called with `authorization` (a caller of the test app, or a raw token). */
  const ingest = (who: TestCaller | { token: string }) => {
    const authorization = `Bearer ${typeof who === 'string' ? t.tokens[who] : who.token}`;
    return Promise.all([
      t.app.inject({ method: 'POST', url: '/api/v1/write', headers: { ...RW_HEADERS, authorization }, payload: remoteWriteBody() }),
      t.app.inject({ method: 'POST', url: '/v1/metrics', headers: { 'content-type': 'application/json', authorization }, payload: otlpBody }),
      t.app.inject({
        method: 'POST', url: '/api/v1/slis/checkout-requests/events', headers: { 'content-type': 'application/json', authorization },
        payload: JSON.stringify([{ ts: T, good: 9, total: 10 }]),
      }),
    ]);
  };
  const createToken = (payload: unknown) => t.call({ method: 'POST', url: '/api/v1/tokens', as: 'admin', payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } });

  it('lets an ingest:metrics token write remote write, OTLP and SLI events', async () => {
    const [rw, otlp, events] = await ingest('ingest');
    expect(rw.statusCode, rw.body).toBe(204);
    expect(otlp.statusCode, otlp.body).toBe(200);
    expect(otlp.json()).toEqual({});
    expect(events.statusCode, events.body).toBe(200);
    expect(events.json()).toEqual({ accepted: 1, buckets: 1 });
    expect(sink.batches.map((batch) => [batch.source, batch.kind, batch.samples.length])).toEqual([['remote-write', 'gauge', 1], ['otlp', 'gauge', 1]]);
  });

  it('refuses an ingest token everywhere else with 403, naming the role needed', async () => {
    const slos = await t.call({ method: 'GET', url: '/api/v1/slos', as: 'ingest' });
    expect(slos.statusCode).toBe(403);
    expect(slos.json()).toEqual({
      error: {
        code: 'XOPS_ERR_FORBIDDEN',
        message: 'This needs the viewer role; token "ingest-bot" is an ingest token (ingest:metrics) and can only send data to the ingest endpoints of its scopes.',
        details: { required: 'viewer', heldScopes: ['ingest:metrics'] },
      },
    });
    for (const [method, url, required] of [
      ['GET', '/api/v1/whoami', 'viewer'], ['POST', '/api/v1/services', 'editor'], ['POST', '/api/v1/apply', 'editor'],
      ['GET', '/api/v1/tokens', 'admin'], ['POST', '/api/v1/tokens', 'admin'], ['GET', '/api/v1/audit', 'admin'],
    ] as const) {
      const res = await t.call({ method, url, as: 'ingest', ...(method === 'POST' ? { payload: {} } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().error.details, `${method} ${url}`).toEqual({ required, heldScopes: ['ingest:metrics'] });
    }
    expect((await t.store.listObjects('Service')).map((object) => object.name)).toEqual(['checkout']);
  });

  it('refuses a token of another scope on the ingest routes, naming the scope needed', async () => {
    const created = await createToken({ name: 'alertmanager', scopes: ['ingest:alertmanager'] });
    expect(created.statusCode, created.body).toBe(201);
    for (const res of await ingest({ token: created.json().token })) {
      expect(res.statusCode).toBe(403);
      expect(res.json()).toEqual({
        error: {
          code: 'XOPS_ERR_FORBIDDEN',
          message: 'This needs a token with scope ingest:metrics, or the editor role; token "alertmanager" is an ingest token for ingest:alertmanager. '
            + 'Create a sender\'s token with: xops token create NAME --scope ingest:metrics',
          details: { requiredScope: 'ingest:metrics', orRole: 'editor', heldScopes: ['ingest:alertmanager'] },
        },
      });
    }
    expect(sink.batches).toEqual([]);
  });

  it('refuses viewers and responders on the ingest routes; editors and admins still write', async () => {
    for (const role of ['viewer', 'responder'] as const) {
      for (const res of await ingest(role)) {
        expect(res.statusCode).toBe(403);
        expect(res.json().error).toEqual({
          code: 'XOPS_ERR_FORBIDDEN',
          message: `This needs a token with scope ingest:metrics, or the editor role; token "${role}-bot" has ${role}. `
            + 'Create a sender\'s token with: xops token create NAME --scope ingest:metrics',
          details: { requiredScope: 'ingest:metrics', orRole: 'editor', held: role },
        });
      }
    }
    expect(sink.batches).toEqual([]);
    for (const role of ['editor', 'admin'] as const) {
      expect((await ingest(role)).map((res) => res.statusCode), role).toEqual([204, 200, 200]);
    }
  });

  it('creates an ingest token with its scopes once each, in vocabulary order, lists and audits it', async () => {
    const res = await createToken({ name: 'otel-collector', scopes: ['ingest:alerts', 'ingest:metrics', 'ingest:alerts'] });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toEqual({
      id: expect.any(String), name: 'otel-collector', scopes: ['ingest:metrics', 'ingest:alerts'], createdBy: 'admin', createdAt: expect.any(String),
      token: expect.stringMatching(/^xops_[\w-]{43}$/),
    });
    expect((await ingest({ token: created.token })).map((r) => r.statusCode)).toEqual([204, 200, 200]);

    const list = await t.call({ method: 'GET', url: '/api/v1/tokens', as: 'admin' });
    expect(list.json().find((token: { name: string }) => token.name === 'otel-collector')).toEqual({
      id: created.id, name: 'otel-collector', scopes: ['ingest:metrics', 'ingest:alerts'], createdAt: created.createdAt, createdBy: 'admin',
    });
    expect(list.json().find((token: { name: string }) => token.name === 'editor-bot')).toEqual({
      id: expect.any(String), name: 'editor-bot', role: 'editor', createdAt: expect.any(String), createdBy: 'test',
    });
    const audit = await t.call({ method: 'GET', url: '/api/v1/audit?limit=1', as: 'admin' });
    expect(audit.json()).toEqual([expect.objectContaining({
      actor: 'admin', action: 'token.create', name: 'otel-collector', details: { id: created.id, scopes: ['ingest:metrics', 'ingest:alerts'] },
    })]);
    expect(audit.body).not.toContain(created.token);
  });

  it('says in the OpenAPI document who may call each route', async () => {
    const doc = (await t.call({ method: 'GET', url: '/api/v1/openapi.json', as: 'viewer' })).json();
    const ingestNote = 'Needs an ingest token with scope `ingest:metrics`, or a role token of at least `editor` (ADR 0010).';
    for (const path of ['/api/v1/write', '/v1/metrics', '/api/v1/slis/{name}/events']) {
      expect(doc.paths[path].post.description, path).toBe(ingestNote);
    }
    expect(doc.paths['/api/v1/slos'].get.description).toBe('Needs a role token of at least `viewer`.');
    expect(doc.paths['/api/v1/tokens'].post.description).toMatch(/^Give `role` for a role token, or `scopes` for an ingest token.*\n\nNeeds a role token of at least `admin`\.$/s);
    expect(doc.paths['/healthz'].get.description).toBeUndefined();
  });

  it.each([
    ['an unknown scope, listing the valid ones', { name: 'x', scopes: ['ingest:metrics', 'ingest:logs'] },
      [{ path: ['scopes', 1], message: `unknown scope "ingest:logs": use one of ${VALID_SCOPES}` }]],
    ['no scope at all', { name: 'x', scopes: [] }, [{ path: ['scopes'], message: 'an ingest token needs at least one scope' }]],
    ['a role and scopes', { name: 'x', role: 'viewer', scopes: ['ingest:metrics'] },
      [{ path: ['scopes'], message: 'give a role or scopes, not both: an ingest token has no role' }]],
    ['neither a role nor scopes', { name: 'x' },
      [{ path: [], message: `give a role (viewer, responder, editor, admin) or scopes (${VALID_SCOPES})` }]],
  ])('answers 400 for %s, creating nothing', async (_what, payload, issues) => {
    const res = await createToken(payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('XOPS_ERR_VALIDATION');
    expect(res.json().error.details).toEqual({ in: 'body', issues });
    expect((await t.store.listTokens()).map((token) => token.name)).not.toContain('x');
  });
});
