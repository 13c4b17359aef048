import { testDatabaseEngines } from '@xops/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkoutService, checkoutSli, checkoutSlo, checkoutSloTightened } from './fixtures';
import { openTestApp, type TestApp } from './test-app';

const bundle = [checkoutService, checkoutSli, checkoutSlo].map((object) => ({ object }));

describe.each(testDatabaseEngines())('POST /api/v1/apply and /delete on %s', (engine) => {
  let t: TestApp;
  beforeEach(async () => { t = await openTestApp(engine); });
  afterEach(async () => { await t.close(); });

  const apply = (payload: unknown) => t.call({ method: 'POST', url: '/api/v1/apply', as: 'editor', payload: payload as object });

  it('creates every object and audits each mutation under the token name', async () => {
    const res = await apply({ documents: bundle });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      dryRun: false,
      results: [
        { kind: 'Service', name: 'checkout', action: 'created', revision: 1 },
        { kind: 'SLI', name: 'checkout-availability', action: 'created', revision: 1 },
        { kind: 'SLO', name: 'checkout-availability', action: 'created', revision: 1 },
      ],
    });
    const audit = (await t.call({ method: 'GET', url: '/api/v1/audit', as: 'admin' })).json();
    expect(audit.slice(0, 3).map((e: { actor: string; action: string; kind: string; name: string }) => [e.actor, e.action, e.kind, e.name])).toEqual([
      ['editor-bot', 'object.create', 'SLO', 'checkout-availability'],
      ['editor-bot', 'object.create', 'SLI', 'checkout-availability'],
      ['editor-bot', 'object.create', 'Service', 'checkout'],
    ]);
  });

  it('is idempotent: the same bundle again is unchanged, a changed document gets revision 2', async () => {
    await apply({ documents: bundle });
    const again = await apply({ documents: bundle });
    expect(again.json().results.map((r: { action: string; revision: number }) => [r.action, r.revision]))
      .toEqual([['unchanged', 1], ['unchanged', 1], ['unchanged', 1]]);

    const changed = await apply({ documents: [{ object: checkoutSloTightened }] });
    expect(changed.json().results).toEqual([{ kind: 'SLO', name: 'checkout-availability', action: 'configured', revision: 2 }]);
    const slo = (await t.call({ method: 'GET', url: '/api/v1/slos/checkout-availability', as: 'viewer' })).json();
    expect(slo.revision).toBe(2);
    expect(slo.object).toEqual(checkoutSloTightened);
  });

  it('writes nothing on a dry run but reports what would happen', async () => {
    const res = await apply({ documents: bundle, dryRun: true });
    expect(res.statusCode).toBe(200);
    expect(res.json().dryRun).toBe(true);
    expect(res.json().results.map((r: { action: string }) => r.action)).toEqual(['created', 'created', 'created']);
    expect(await t.store.listObjects()).toEqual([]);
    expect((await t.store.listAudit()).filter((e) => e.action.startsWith('object.'))).toEqual([]);
  });

  it('applies nothing when one document is invalid, and reports every problem with its source', async () => {
    const res = await apply({
      documents: [
        { object: checkoutService, source: { file: 'slos/checkout.yaml', line: 1, text: 'kind: Service' } },
        { object: { ...checkoutSli, spec: {} }, source: { file: 'slos/checkout.yaml', line: 9, text: 'kind: SLI' } },
        { object: { ...checkoutSlo, metadata: { name: 'Not A Name!' } }, source: { file: 'slos/checkout.yaml', line: 30, text: 'kind: SLO' } },
        { object: 'not a document' },
      ],
    });
    expect(res.statusCode).toBe(422);
    const { error } = res.json();
    expect(error.code).toBe('XOPS_ERR_CONFIG_INVALID');
    const problems: { index: number; file?: string; line?: number; path: unknown[]; message: string }[] = error.details.problems;
    expect([...new Set(problems.map((p) => p.index))]).toEqual([1, 2, 3]);
    expect(problems.find((p) => p.index === 1)).toMatchObject({ file: 'slos/checkout.yaml', line: 9 });
    expect(problems.find((p) => p.index === 2)).toMatchObject({ file: 'slos/checkout.yaml', line: 30, path: ['metadata', 'name'] });
    expect(problems.find((p) => p.index === 3)).not.toHaveProperty('file');
    for (const p of problems) expect(p.message).toEqual(expect.any(String));
    expect(await t.store.listObjects()).toEqual([]);
  });

  it('rejects a reference to an SLI that neither the bundle nor the store holds', async () => {
    const res = await apply({ documents: [{ object: checkoutService }, { object: checkoutSlo }] });
    expect(res.statusCode).toBe(422);
    const problems = res.json().error.details.problems;
    expect(problems).toEqual([expect.objectContaining({ index: 1, path: ['spec', 'indicatorRef'] })]);
    expect(problems[0].message).toContain('checkout-availability');
    expect(await t.store.listObjects()).toEqual([]);
  });

  it('resolves references against the store', async () => {
    await apply({ documents: [{ object: checkoutService }, { object: checkoutSli }] });
    const res = await apply({ documents: [{ object: checkoutSlo }] });
    expect(res.statusCode).toBe(200);
  });

  it('resolves many references of one kind against the store, and still finds the missing one', async () => {
    const names = Array.from({ length: 30 }, (_, i) => `sli-${i}`);
    const slis = names.map((name) => ({ object: { ...checkoutSli, metadata: { name } } }));
    expect((await apply({ documents: [{ object: checkoutService }, ...slis] })).statusCode).toBe(200);
    const slos = [...names, 'sli-missing'].map((name) => ({
      object: { ...checkoutSlo, metadata: { name: `slo-${name}` }, spec: { ...checkoutSlo.spec, indicatorRef: name } },
    }));
    const res = await apply({ documents: slos });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.problems).toEqual([expect.objectContaining({ index: 30, path: ['spec', 'indicatorRef'] })]);
    expect((await apply({ documents: slos.slice(0, 30) })).statusCode).toBe(200);
  });

  it('rejects the same object twice in one bundle', async () => {
    const res = await apply({ documents: [{ object: checkoutService }, { object: checkoutService }] });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.problems).toEqual([
      { index: 1, path: ['metadata', 'name'], message: expect.stringContaining('already defined by an earlier document') },
    ]);
  });

  it('returns every field of a realistic SLO exactly as applied, with its source', async () => {
    const sourceText = '# the checkout SLO\napiVersion: openslo/v1\nkind: SLO\n';
    await apply({
      documents: [
        { object: checkoutService }, { object: checkoutSli },
        { object: checkoutSlo, source: { file: 'slos/checkout.yaml', line: 12, text: sourceText } },
      ],
    });
    const res = await t.call({ method: 'GET', url: '/api/v1/slos/checkout-availability', as: 'viewer' });
    expect(res.statusCode).toBe(200);
    const stored = res.json();
    expect(stored).toEqual({
      kind: 'SLO', name: 'checkout-availability', apiVersion: 'openslo/v1',
      object: checkoutSlo, revision: 1, sourceText, sourceFile: 'slos/checkout.yaml', appliedBy: 'editor-bot',
      createdAt: expect.any(String), updatedAt: expect.any(String),
    });
    const service = (await t.call({ method: 'GET', url: '/api/v1/services/checkout', as: 'viewer' })).json();
    expect(service.sourceText).toBe(JSON.stringify(checkoutService, null, 2));
    expect(service.sourceFile).toBeNull();
  });

  it('deletes a bundle in one go, accepting CLI kind names, and audits it', async () => {
    await apply({ documents: bundle });
    const dry = await t.call({ method: 'POST', url: '/api/v1/delete', as: 'editor', payload: { objects: [{ kind: 'slo', name: 'checkout-availability' }], dryRun: true } });
    expect(dry.json()).toEqual({ dryRun: true, results: [{ kind: 'SLO', name: 'checkout-availability', action: 'deleted', revision: 1 }] });
    expect(await t.store.listObjects()).toHaveLength(3);

    const res = await t.call({
      method: 'POST', url: '/api/v1/delete', as: 'editor',
      payload: { objects: [{ kind: 'SLO', name: 'checkout-availability' }, { kind: 'SLI', name: 'checkout-availability' }, { kind: 'SLI', name: 'gone' }] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      dryRun: false,
      results: [
        { kind: 'SLO', name: 'checkout-availability', action: 'deleted', revision: 1 },
        { kind: 'SLI', name: 'checkout-availability', action: 'deleted', revision: 1 },
        { kind: 'SLI', name: 'gone', action: 'unchanged', revision: 0 },
      ],
    });
    expect((await t.store.listObjects()).map((o) => o.kind)).toEqual(['Service']);
    const audit = await t.store.listAudit({ limit: 2 });
    expect(audit.map((e) => [e.actor, e.action, e.kind])).toEqual([['editor-bot', 'object.delete', 'SLI'], ['editor-bot', 'object.delete', 'SLO']]);
  });

  it('rejects unknown kinds in a delete bundle with 422 and deletes nothing', async () => {
    await apply({ documents: bundle });
    const res = await t.call({ method: 'POST', url: '/api/v1/delete', as: 'editor', payload: { objects: [{ kind: 'SLO', name: 'checkout-availability' }, { kind: 'Widget', name: 'x' }] } });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.problems).toEqual([{ index: 1, path: ['kind'], message: 'Unknown kind "Widget".' }]);
    expect(await t.store.listObjects()).toHaveLength(3);
  });

  it('answers 400 with issue paths for a body that is not an apply request', async () => {
    const res = await apply({ documents: [{ object: {}, source: { file: 'a.yaml', line: 0 } }], extra: true });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('XOPS_ERR_VALIDATION');
    expect(error.details.in).toBe('body');
    expect(error.details.issues.map((i: { path: unknown }) => i.path)).toEqual(expect.arrayContaining([
      ['documents', 0, 'source', 'line'], ['documents', 0, 'source', 'text'],
    ]));
  });
});
