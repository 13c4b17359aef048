import { testDatabaseEngines } from '@xops/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkoutService, checkoutSli, checkoutSlo, checkoutSloTightened, searchSlo } from './fixtures';
import { openTestApp, type TestApp } from './test-app';

describe.each(testDatabaseEngines())('per-kind object routes on %s', (engine) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp(engine);
    for (const [plural, object] of [['services', checkoutService], ['slis', checkoutSli]] as const) {
      const res = await t.call({ method: 'POST', url: `/api/v1/${plural}`, as: 'editor', payload: object });
      expect(res.statusCode).toBe(201);
    }
  });
  afterEach(async () => { await t.close(); });

  it('creates with POST (201), then refuses a second create with 409', async () => {
    const res = await t.call({ method: 'POST', url: '/api/v1/slos', as: 'editor', payload: checkoutSlo });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'SLO', name: 'checkout-availability', revision: 1, object: checkoutSlo, appliedBy: 'editor-bot' });

    const again = await t.call({ method: 'POST', url: '/api/v1/slos', as: 'editor', payload: checkoutSloTightened });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toEqual({
      code: 'XOPS_ERR_CONFLICT',
      message: 'SLO "checkout-availability" already exists; PUT /api/v1/slos/checkout-availability replaces it.',
    });
  });

  it('creates (201) and replaces (200) with PUT; the same document again keeps its revision', async () => {
    const url = '/api/v1/slos/checkout-availability';
    const created = await t.call({ method: 'PUT', url, as: 'editor', payload: checkoutSlo });
    expect([created.statusCode, created.json().revision]).toEqual([201, 1]);
    const replaced = await t.call({ method: 'PUT', url, as: 'editor', payload: checkoutSloTightened });
    expect([replaced.statusCode, replaced.json().revision]).toEqual([200, 2]);
    expect(replaced.json().object).toEqual(checkoutSloTightened);
    const same = await t.call({ method: 'PUT', url, as: 'editor', payload: checkoutSloTightened });
    expect([same.statusCode, same.json().revision]).toEqual([200, 2]);
  });

  it('needs the name in the URL to be the name of the document', async () => {
    const res = await t.call({ method: 'PUT', url: '/api/v1/slos/other', as: 'editor', payload: checkoutSlo });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.problems).toEqual([
      { index: 0, path: ['metadata', 'name'], message: 'The name must match the URL: expected "other", got "checkout-availability".' },
    ]);
  });

  it('needs the document to be of the kind of the URL', async () => {
    const res = await t.call({ method: 'POST', url: '/api/v1/slos', as: 'editor', payload: checkoutService });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.problems).toEqual([
      { index: 0, path: ['kind'], message: '/api/v1/slos takes SLO documents, not "Service".' },
    ]);
  });

  it('validates a single document like a bundle: invalid fields and missing references are 422', async () => {
    const res = await t.call({ method: 'POST', url: '/api/v1/slos', as: 'editor', payload: { ...checkoutSlo, spec: { ...checkoutSlo.spec, indicatorRef: 'nope' } } });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.problems).toEqual([expect.objectContaining({ index: 0, path: ['spec', 'indicatorRef'] })]);
    const notAnObject = await t.call({ method: 'POST', url: '/api/v1/slos', as: 'editor', payload: [1, 2] });
    expect(notAnObject.statusCode).toBe(422);
    expect(await t.store.getObject('SLO', 'nope')).toBeUndefined();
  });

  it('gets one object, 404 when missing', async () => {
    const res = await t.call({ method: 'GET', url: '/api/v1/slis/checkout-availability', as: 'viewer' });
    expect(res.json().object).toEqual(checkoutSli);
    const missing = await t.call({ method: 'GET', url: '/api/v1/slis/missing', as: 'viewer' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toEqual({ code: 'XOPS_ERR_NOT_FOUND', message: 'SLI "missing" does not exist.', details: { kind: 'SLI', name: 'missing' } });
  });

  it('lists a kind, filtered by labels', async () => {
    await t.call({ method: 'POST', url: '/api/v1/slos', as: 'editor', payload: checkoutSlo });
    await t.call({ method: 'POST', url: '/api/v1/slos', as: 'editor', payload: searchSlo });
    const names = async (query: string) => (await t.call({ method: 'GET', url: `/api/v1/slos${query}`, as: 'viewer' })).json()
      .map((o: { name: string }) => o.name);
    expect(await names('')).toEqual(['checkout-availability', 'search-availability']);
    expect(await names('?label=team=payments')).toEqual(['checkout-availability']);
    expect(await names('?label=tier=critical')).toEqual(['checkout-availability']);
    expect(await names('?label=team=payments&label=tier=2')).toEqual([]);
    expect(await names('?label=team=discovery')).toEqual(['search-availability']);
    const bad = await t.call({ method: 'GET', url: '/api/v1/slos?label=team', as: 'viewer' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.in).toBe('querystring');
  });

  it('deletes, then answers 404 for the same delete', async () => {
    const res = await t.call({ method: 'DELETE', url: '/api/v1/slis/checkout-availability', as: 'editor' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ kind: 'SLI', name: 'checkout-availability', action: 'deleted', revision: 1 });
    const again = await t.call({ method: 'DELETE', url: '/api/v1/slis/checkout-availability', as: 'editor' });
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('XOPS_ERR_NOT_FOUND');
    const audit = await t.store.listAudit({ limit: 1 });
    expect(audit[0]).toMatchObject({ actor: 'editor-bot', action: 'object.delete', kind: 'SLI', name: 'checkout-availability' });
  });

  it('answers 404 XOPS_ERR_UNKNOWN_KIND with the valid kinds for an unknown plural', async () => {
    for (const [method, url] of [['GET', '/api/v1/widgets'], ['POST', '/api/v1/widgets'], ['GET', '/api/v1/widgets/x'], ['DELETE', '/api/v1/widgets/x']] as const) {
      const res = await t.call({ method, url, as: 'viewer' });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('XOPS_ERR_UNKNOWN_KIND');
      expect(res.json().error.details.kinds).toContain('slos');
      expect(res.json().error.details.kinds).toHaveLength(16);
    }
  });

  it('serves a route for every kind', async () => {
    for (const plural of ['services', 'slis', 'slos', 'datasources', 'alertpolicies', 'alertconditions', 'alertnotificationtargets',
      'teams', 'schedules', 'escalationpolicies', 'routes', 'maintenancewindows', 'errorbudgetpolicies', 'canaryconfigs',
      'chaosexperiments', 'runbooks']) {
      const res = await t.call({ method: 'GET', url: `/api/v1/${plural}`, as: 'viewer' });
      expect(res.statusCode, plural).toBe(200);
      expect(Array.isArray(res.json())).toBe(true);
    }
  });
});
