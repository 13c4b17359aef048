import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestStore, type XopsStore } from '@xops/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { DASHBOARD_CSP } from '../src/dashboard/dashboard-routes';
import type { ZodApp } from '../src/http/zod-app';

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const INDEX = '<!doctype html><title>xops</title><script type="module" src="/assets/index-abc123.js"></script>';

describe('the dashboard at /', () => {
  let dist: string;
  let store: XopsStore;
  let cleanup: () => Promise<void>;
  let app: ZodApp;
  let unbuilt: ZodApp;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'xops-web-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), INDEX);
    writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
    ({ store, cleanup } = await openTestStore('sqlite'));
    app = await createApp({ store, version: '0.0.0-test', webRoot: dist });
    unbuilt = await createApp({ store, version: '0.0.0-test', webRoot: join(dist, 'nothing-here') });
  });

  afterAll(async () => {
    await app.close();
    await unbuilt.close();
    await cleanup();
    rmSync(dist, { recursive: true, force: true });
  });

  it('answers / with index.html, no token needed, revalidated each time, under a CSP that allows only its own scripts', async () => {
    const res = await app.inject({ url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(INDEX);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toBe(DASHBOARD_CSP);
    expect(DASHBOARD_CSP).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves hashed assets with a year\'s immutable cache', async () => {
    const res = await app.inject({ url: '/assets/index-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('console.log(1)');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers a missing asset, or a path out of the folder, with the 404 envelope and no long cache', async () => {
    for (const url of ['/assets/index-gone.js', '/assets/../index.html', '/assets/%2e%2e/%2e%2e/package.json']) {
      const res = await app.inject({ url, headers: { accept: BROWSER } });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['cache-control'], url).toBeUndefined();
    }
  });

  it('answers browser navigations to client routes with index.html, so a reload of /slos/x works', async () => {
    for (const url of ['/slos/checkout-availability', '/replay?slo=a', '/incidents/42']) {
      const res = await app.inject({ url, headers: { accept: BROWSER } });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toBe(INDEX);
      expect(res.headers['content-security-policy'], url).toBe(DASHBOARD_CSP);
    }
  });

  it('leaves the API, /status and non-browser clients as they were', async () => {
    const api = await app.inject({ url: '/api/v1/nope', headers: { accept: BROWSER } });
    expect(api.statusCode).toBe(401);
    const unknown = await app.inject({ url: '/nope' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ error: { code: 'XOPS_ERR_ROUTE_NOT_FOUND', message: 'No endpoint GET /nope.' } });
    const status = await app.inject({ url: '/status', headers: { accept: BROWSER } });
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain('<!doctype html>');
    expect(status.body).not.toBe(INDEX);
    expect((await app.inject({ url: '/healthz', headers: { accept: BROWSER } })).json()).toEqual({ status: 'ok' });
    const long = await app.inject({ url: `/api/v1/slos/${'a'.repeat(1001)}`, headers: { accept: BROWSER } });
    expect(long.statusCode).toBe(400);
    const post = await app.inject({ method: 'POST', url: '/slos/x', headers: { accept: BROWSER } });
    expect(post.statusCode).toBe(404);
  });

  it('keeps the dashboard out of the OpenAPI document', async () => {
    const paths = Object.keys(app.swagger().paths ?? {});
    expect(paths).toContain('/api/v1/status');
    expect(paths.filter((path) => !path.startsWith('/api/') && !path.startsWith('/v')).sort()).toEqual(['/healthz', '/metrics', '/readyz']);
  });

  it('says how to build the dashboard when there is no build', async () => {
    const res = await unbuilt.inject({ url: '/', headers: { accept: BROWSER } });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('npm run build -w @xops/web');
    expect(res.headers['cache-control']).toBe('no-store');
    const route = await unbuilt.inject({ url: '/slos/x', headers: { accept: BROWSER } });
    expect(route.statusCode).toBe(503);
  });
});
