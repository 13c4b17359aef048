import { openTestStore, testDatabaseEngines } from '@xops/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { checkoutService } from './fixtures';
import { openTestApp, type TestApp } from './test-app';

describe.each(testDatabaseEngines())('HTTP edge on %s', (engine) => {
  let t: TestApp;
  beforeEach(async () => { t = await openTestApp(engine); });
  afterEach(async () => { await t.close(); });

  const post = (url: string, payload: string | Buffer, contentType = 'application/json') =>
    t.call({ method: 'POST', url, as: 'admin', headers: { 'content-type': contentType }, payload });

  it('answers invalid JSON with 400 XOPS_ERR_BAD_JSON', async () => {
    for (const body of ['{"documents": [', '', 'nul', '{"__proto__": {"admin": true}}']) {
      const res = await post('/api/v1/apply', body);
      expect(res.statusCode, body).toBe(400);
      expect(res.json().error.code, body).toBe('XOPS_ERR_BAD_JSON');
    }
  });

  it('answers other content types with 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/yaml', 'multipart/form-data; boundary=x']) {
      const res = await post('/api/v1/apply', 'documents: []', type);
      expect(res.statusCode, type).toBe(415);
      expect(res.json().error.code).toBe('XOPS_ERR_UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('limits bodies to 1 MiB, and apply bundles to 10 MiB (413)', async () => {
    const oneMiBPlus = JSON.stringify({ ...checkoutService, spec: { description: 'x'.repeat(1024 * 1024) } });
    const res = await post('/api/v1/services', oneMiBPlus);
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toEqual({ code: 'XOPS_ERR_BODY_TOO_LARGE', message: 'The body is larger than this endpoint accepts.', details: { limitBytes: 1024 * 1024 } });

    const bigBundle = JSON.stringify({ documents: [{ object: checkoutService, source: { file: 'a.yaml', line: 1, text: 'x'.repeat(2 * 1024 * 1024) } }], dryRun: true });
    expect((await post('/api/v1/apply', bigBundle)).statusCode).toBe(200);
    const tooBig = JSON.stringify({ documents: [{ object: checkoutService, source: { file: 'a.yaml', line: 1, text: 'x'.repeat(10 * 1024 * 1024) } }] });
    const res2 = await post('/api/v1/apply', tooBig);
    expect(res2.statusCode).toBe(413);
    expect(res2.json().error.details).toEqual({ limitBytes: 10 * 1024 * 1024 });
  });

  it('answers unknown routes with 404 XOPS_ERR_ROUTE_NOT_FOUND, with or without a token', async () => {
    for (const as of [undefined, 'viewer'] as const) {
      const res = await t.call({ method: 'GET', url: '/nope?x=1', as });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error: { code: 'XOPS_ERR_ROUTE_NOT_FOUND', message: 'No endpoint GET /nope.' } });
    }
  });

  it('answers URLs the router cannot take with the envelope', async () => {
    for (const url of ['/api/v1/slos/%E0%A4%A', '/api/v1/slos/%ZZ', `/api/v1/slos/${'a'.repeat(1001)}`]) {
      const res = await t.call({ method: 'GET', url, as: 'viewer' });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code, url).toBe('XOPS_ERR_VALIDATION');
    }
  });

  it('rejects text the database cannot store, and absurd nesting, with 400', async () => {
    const nul = await post('/api/v1/services', JSON.stringify({ ...checkoutService, spec: { description: 'a\u0000b' } }));
    expect(nul.statusCode).toBe(400);
    expect(nul.json().error.details).toEqual({
      in: 'body', issues: [{ path: ['spec', 'description'], message: 'The text contains a NUL character (U+0000), which cannot be stored.' }],
    });
    const surrogate = await post('/api/v1/services', '{"kind":"Service","metadata":{"name":"\\ud800"}}');
    expect(surrogate.statusCode).toBe(400);
    expect(surrogate.json().error.details.issues[0].path).toEqual(['metadata', 'name']);
    const deep = await post('/api/v1/apply', `{"documents":[{"object":${'['.repeat(5000)}${']'.repeat(5000)}}]}`);
    expect(deep.statusCode).toBe(400);
    expect(deep.json().error.message).toContain('Nested deeper than 64 levels');
    const nulName = await t.call({ method: 'GET', url: '/api/v1/slos/a%00b', as: 'viewer' });
    expect(nulName.statusCode).toBe(400);
    expect(nulName.json().error.details.in).toBe('params');
  });

  it('answers /healthz and /readyz without a token, and 503 when the store is gone', async () => {
    expect((await t.call({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.call({ method: 'GET', url: '/readyz' });
    expect([ready.statusCode, ready.json()]).toEqual([200, { status: 'ok' }]);
    await t.store.close();
    const notReady = await t.call({ method: 'GET', url: '/readyz' });
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json()).toEqual({ error: { code: 'XOPS_ERR_NOT_READY', message: 'The database does not answer.' } });
    expect((await t.call({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  it('answers an unexpected failure with 500 XOPS_ERR_INTERNAL, logs it, and shows no stack', async () => {
    const { store, cleanup } = await openTestStore(engine);
    const lines: string[] = [];
    const app = await createApp({ store, version: 'test', logger: { level: 'error', stream: { write: (line: string) => lines.push(line) } } });
    await store.close();
    const res = await app.inject({ method: 'GET', url: '/api/v1/slos', headers: { authorization: `Bearer xops_${'A'.repeat(43)}` } });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'XOPS_ERR_INTERNAL', message: 'An unexpected error; it has been logged.' } });
    const logged = lines.map((line) => JSON.parse(line));
    expect(logged).toEqual([expect.objectContaining({ level: 50, msg: 'unexpected error', err: expect.objectContaining({ stack: expect.any(String) }) })]);
    await app.close();
    await cleanup();
  });

  it('exposes request counters, latency, object counts and process metrics at /metrics', async () => {
    await t.call({ method: 'POST', url: '/api/v1/services', as: 'editor', payload: checkoutService });
    await t.call({ method: 'GET', url: '/api/v1/services/checkout', as: 'viewer' });
    await t.call({ method: 'GET', url: '/api/v1/services/other', as: 'viewer' });
    await t.call({ method: 'GET', url: '/nope' });
    const res = await t.call({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.body;
    expect(text).toContain('xops_http_requests_total{method="POST",route="/api/v1/services",status="201"} 1');
    expect(text).toContain('xops_http_requests_total{method="GET",route="/api/v1/services/:name",status="200"} 1');
    expect(text).toContain('xops_http_requests_total{method="GET",route="/api/v1/services/:name",status="404"} 1');
    expect(text).toContain('xops_http_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(text).toContain('xops_http_request_duration_seconds_count{method="POST",route="/api/v1/services",status="201"} 1');
    expect(text).toContain('xops_config_objects{kind="Service"} 1');
    expect(text).toContain('xops_config_objects{kind="SLO"} 0');
    expect(text).toContain('xops_build_info{version="0.0.0-test"} 1');
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('serves an OpenAPI 3.1 document that lists every route with bearer security', async () => {
    expect((await t.call({ method: 'GET', url: '/api/v1/openapi.json' })).statusCode).toBe(401);
    const res = await t.call({ method: 'GET', url: '/api/v1/openapi.json', as: 'viewer' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    const operations = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    expect(operations).toEqual(expect.arrayContaining([
      'GET /healthz', 'GET /readyz', 'GET /metrics', 'GET /api/v1/openapi.json', 'GET /api/v1/whoami',
      'POST /api/v1/tokens', 'GET /api/v1/tokens', 'GET /api/v1/audit', 'POST /api/v1/apply', 'POST /api/v1/delete',
      'GET /api/v1/slos', 'POST /api/v1/slos', 'GET /api/v1/slos/{name}', 'PUT /api/v1/slos/{name}', 'DELETE /api/v1/slos/{name}',
      'GET /api/v1/runbooks', 'DELETE /api/v1/runbooks/{name}', 'POST /api/v1/slis/{name}/events',
      'GET /api/v1/slos/{name}/status', 'GET /api/v1/slo-statuses', 'GET /api/v1/slo-summaries', 'GET /api/v1/slos/{name}/series', 'POST /api/v1/replay',
      'GET /api/v1/alerts', 'GET /api/v1/alerts/transitions', 'GET /api/v1/targets',
      'POST /v1/metrics', 'POST /api/v1/write', 'POST /api/v1/slos/{name}/backfill', 'GET /api/v1/prometheus-rules',
      'GET /api/v1/schedules/{name}/final', 'GET /api/v1/schedules/{name}.ics', 'GET /api/v1/oncall', 'POST /api/v1/routes/test',
      'GET /api/v1/notifications', 'GET /api/v1/status',
      'POST /api/v1/incidents', 'GET /api/v1/incidents/{ref}', 'POST /api/v1/incidents/{ref}/acknowledge',
      'GET /api/v1/incidents/{ref}/{action}/signed', 'POST /api/v1/incidents/{ref}/{action}/signed', 'GET /api/v1/reports/incidents', 'GET /api/v1/incidents/{ref}/postmortem.md',
      'POST /api/v1/integrations/alertmanager', 'POST /v2/enqueue', 'POST /api/v1/alerts/events', 'GET /api/v1/alerts/incoming',
      'POST /api/v1/silences', 'GET /api/v1/silences', 'GET /api/v1/silences/{id}', 'DELETE /api/v1/silences/{id}',
    ]));
    // 5 per kind (16 kinds), 24 others, 4 of on-call and the route simulator, 1 of the notification outbox, 1 of the status page (its HTML and feeds are hidden), 20 of incidents and postmortems,
    // 8 of the alert pipeline (3 sources, incoming alerts, 4 of silences); the catch-alls for unknown kinds are hidden.
    expect(operations).toHaveLength(16 * 5 + 24 + 4 + 1 + 1 + 20 + 8);
    expect(doc.paths['/healthz'].get.security).toEqual([]);
    expect(doc.paths['/api/v1/apply'].post.requestBody.content['application/json'].schema).toMatchObject({ type: 'object' });
    expect(doc.paths['/api/v1/slos'].post.requestBody.content['application/json'].schema)
      .toMatchObject({ type: 'object', properties: { kind: { enum: ['SLO'] } } });
    expect(Object.keys(doc.paths['/api/v1/apply'].post.responses)).toEqual(expect.arrayContaining(['200', '401', '403', '413', '415', '422']));
  });
});
