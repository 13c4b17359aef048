import { testDatabaseEngines } from '@xops/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bootstrapAdminToken } from '../src/auth/bootstrap-admin-token';
import { checkoutService } from './fixtures';
import { openTestApp, type TestApp } from './test-app';

describe.each(testDatabaseEngines())('authentication and roles on %s', (engine) => {
  let t: TestApp;
  beforeEach(async () => { t = await openTestApp(engine); });
  afterEach(async () => { await t.close(); });

  it('answers 401 without a token, naming the Bearer scheme', async () => {
    const res = await t.call({ method: 'GET', url: '/api/v1/slos' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="xops"');
    expect(res.json()).toEqual({ error: { code: 'XOPS_ERR_UNAUTHENTICATED', message: expect.stringContaining('Bearer') } });
  });

  it.each([
    ['an unknown token', `Bearer xops_${'A'.repeat(43)}`],
    ['a malformed token', 'Bearer not-a-token'],
    ['another scheme', `Basic ${Buffer.from('admin:admin').toString('base64')}`],
    ['an empty bearer', 'Bearer '],
  ])('answers 401 for %s', async (_what, authorization) => {
    const res = await t.call({ method: 'GET', url: '/api/v1/whoami', headers: { authorization } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('XOPS_ERR_UNAUTHENTICATED');
  });

  it('checks the token before reading the body', async () => {
    const res = await t.call({ method: 'POST', url: '/api/v1/apply', headers: { 'content-type': 'application/json' }, payload: '{nope' });
    expect(res.statusCode).toBe(401);
  });

  it('lets a viewer read but not write (403)', async () => {
    expect((await t.call({ method: 'GET', url: '/api/v1/slos', as: 'viewer' })).statusCode).toBe(200);
    const res = await t.call({ method: 'POST', url: '/api/v1/services', as: 'viewer', payload: checkoutService });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({
      error: {
        code: 'XOPS_ERR_FORBIDDEN',
        message: 'This needs the editor role; token "viewer-bot" has viewer.',
        details: { required: 'editor', held: 'viewer' },
      },
    });
    expect(await t.store.listObjects()).toEqual([]);
    const apply = await t.call({ method: 'POST', url: '/api/v1/apply', as: 'responder', payload: { documents: [] } });
    expect(apply.statusCode).toBe(403);
  });

  it('keeps tokens and the audit log to admins', async () => {
    for (const url of ['/api/v1/tokens', '/api/v1/audit']) {
      expect((await t.call({ method: 'GET', url, as: 'editor' })).statusCode).toBe(403);
      expect((await t.call({ method: 'GET', url, as: 'admin' })).statusCode).toBe(200);
    }
    const create = await t.call({ method: 'POST', url: '/api/v1/tokens', as: 'editor', payload: { name: 'ci', role: 'viewer' } });
    expect(create.statusCode).toBe(403);
  });

  it('says who the caller is', async () => {
    const res = await t.call({ method: 'GET', url: '/api/v1/whoami', as: 'editor' });
    expect(res.json()).toEqual({ name: 'editor-bot', role: 'editor' });
  });

  it('creates a token that works at once, shows its secret once, and audits it without the secret', async () => {
    const res = await t.call({ method: 'POST', url: '/api/v1/tokens', as: 'admin', payload: { name: 'ci@deploy', role: 'editor' } });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toEqual({
      id: expect.any(String), name: 'ci@deploy', role: 'editor', createdBy: 'admin', createdAt: expect.any(String),
      token: expect.stringMatching(/^xops_[\w-]{43}$/),
    });

    const whoami = await t.call({ method: 'GET', url: '/api/v1/whoami', headers: { authorization: `Bearer ${created.token}` } });
    expect(whoami.json()).toEqual({ name: 'ci@deploy', role: 'editor' });

    const list = await t.call({ method: 'GET', url: '/api/v1/tokens', as: 'admin' });
    expect(list.json().map((token: { name: string }) => token.name)).toEqual(['admin', 'ci@deploy', 'editor-bot', 'ingest-bot', 'responder-bot', 'viewer-bot']);
    expect(list.body).not.toContain(created.token);
    expect(list.body).not.toMatch(/hash/i);

    const audit = await t.call({ method: 'GET', url: '/api/v1/audit?limit=1', as: 'admin' });
    expect(audit.json()).toEqual([expect.objectContaining({ actor: 'admin', action: 'token.create', name: 'ci@deploy' })]);
    expect(audit.body).not.toContain(created.token);
  });

  it('answers 409 for a token name that is taken, 400 for a bad one', async () => {
    const res = await t.call({ method: 'POST', url: '/api/v1/tokens', as: 'admin', payload: { name: 'viewer-bot', role: 'admin' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toEqual({ code: 'XOPS_ERR_CONFLICT', message: 'a token named "viewer-bot" already exists' });

    const bad = await t.call({ method: 'POST', url: '/api/v1/tokens', as: 'admin', payload: { name: 'a b', role: 'root' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('XOPS_ERR_VALIDATION');
    expect(bad.json().error.details.issues.map((issue: { path: unknown }) => issue.path)).toEqual([['name'], ['role']]);
  });

  it('bootstraps the admin token only once', async () => {
    expect(await bootstrapAdminToken(t.store)).toBeUndefined();
    expect((await t.store.listTokens()).filter((token) => 'role' in token && token.role === 'admin')).toHaveLength(1);
  });
});
