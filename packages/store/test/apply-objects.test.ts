import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, openTestStore, testDatabaseEngines } from '@xops/store';
import type { ObjectWrite, TestStore } from '@xops/store';
import { objectWrite, steppingClock } from './fixtures';

describe.each(testDatabaseEngines())('applyObjects on %s', (engine) => {
  let t: TestStore;
  beforeEach(async () => { t = await openTestStore(engine, { now: steppingClock() }); });
  afterEach(() => t.cleanup());

  const checkout = objectWrite('Service', 'checkout', { description: 'Checkout API' });
  const availability = objectWrite('SLO', 'checkout-availability', { service: 'checkout', objectives: [{ target: 0.999 }] });

  it('creates each object at revision 1, with its source, author and time', async () => {
    const outcomes = await t.store.applyObjects([checkout, availability], 'alice');

    expect(outcomes).toEqual([
      { kind: 'Service', name: 'checkout', action: 'created', revision: 1 },
      { kind: 'SLO', name: 'checkout-availability', action: 'created', revision: 1 },
    ]);
    expect(await t.store.getObject('Service', 'checkout')).toEqual({
      kind: 'Service',
      name: 'checkout',
      apiVersion: 'openslo/v1',
      object: { apiVersion: 'openslo/v1', kind: 'Service', metadata: { name: 'checkout' }, spec: { description: 'Checkout API' } },
      revision: 1,
      sourceText: 'apiVersion: openslo/v1\nkind: Service\nmetadata:\n  name: checkout\n',
      sourceFile: 'config/checkout.yaml',
      appliedBy: 'alice',
      createdAt: '2025-03-01T10:00:00.000Z',
      updatedAt: '2025-03-01T10:00:00.000Z',
    });
    expect(await t.store.listAudit()).toEqual([
      { id: 2, at: '2025-03-01T10:00:00.000Z', actor: 'alice', action: 'object.create', kind: 'SLO', name: 'checkout-availability', details: { revision: 1 } },
      { id: 1, at: '2025-03-01T10:00:00.000Z', actor: 'alice', action: 'object.create', kind: 'Service', name: 'checkout', details: { revision: 1 } },
    ]);
  });

  it('leaves a re-applied document alone, even with its keys in another order', async () => {
    await t.store.applyObjects([availability], 'alice');
    const reordered: ObjectWrite = {
      object: { spec: { objectives: [{ target: 0.999 }], service: 'checkout' }, metadata: { name: 'checkout-availability' }, kind: 'SLO', apiVersion: 'openslo/v1' },
      sourceText: '# same SLO, keys reordered\n',
      sourceFile: 'other.yaml',
    };

    expect(await t.store.applyObjects([reordered], 'bob')).toEqual([
      { kind: 'SLO', name: 'checkout-availability', action: 'unchanged', revision: 1 },
    ]);
    const stored = await t.store.getObject('SLO', 'checkout-availability');
    expect(stored).toMatchObject({ revision: 1, appliedBy: 'alice', sourceFile: 'config/checkout-availability.yaml', updatedAt: '2025-03-01T10:00:00.000Z' });
    expect((await t.store.listAudit()).map((e) => e.action)).toEqual(['object.create']);
  });

  it('bumps a changed document to revision 2, keeping when it was created', async () => {
    await t.store.applyObjects([checkout], 'alice');
    const changed = objectWrite('Service', 'checkout', { description: 'Checkout and payments' });

    expect(await t.store.applyObjects([changed], 'bob')).toEqual([
      { kind: 'Service', name: 'checkout', action: 'configured', revision: 2 },
    ]);
    expect(await t.store.getObject('Service', 'checkout')).toMatchObject({
      object: { spec: { description: 'Checkout and payments' } },
      revision: 2,
      appliedBy: 'bob',
      createdAt: '2025-03-01T10:00:00.000Z',
      updatedAt: '2025-03-01T10:00:01.000Z',
    });
    expect(await t.store.applyObjects([changed], 'carol')).toEqual([
      { kind: 'Service', name: 'checkout', action: 'unchanged', revision: 2 },
    ]);
    expect(await t.store.listAudit()).toEqual([
      { id: 2, at: '2025-03-01T10:00:01.000Z', actor: 'bob', action: 'object.replace', kind: 'Service', name: 'checkout', details: { revision: 2 } },
      { id: 1, at: '2025-03-01T10:00:00.000Z', actor: 'alice', action: 'object.create', kind: 'Service', name: 'checkout', details: { revision: 1 } },
    ]);
  });

  it('treats a name given twice in one batch as created, then configured', async () => {
    const second = objectWrite('Service', 'checkout', { description: 'v2' });
    expect(await t.store.applyObjects([checkout, second], 'alice')).toEqual([
      { kind: 'Service', name: 'checkout', action: 'created', revision: 1 },
      { kind: 'Service', name: 'checkout', action: 'configured', revision: 2 },
    ]);
    expect(await t.store.getObject('Service', 'checkout')).toMatchObject({ revision: 2, object: { spec: { description: 'v2' } } });
  });

  it('reports the outcomes of a dry run and writes nothing', async () => {
    await t.store.applyObjects([checkout], 'alice');
    const batch = [objectWrite('Service', 'checkout', { description: 'new' }), availability, availability];
    const expected = [
      { kind: 'Service', name: 'checkout', action: 'configured', revision: 2 },
      { kind: 'SLO', name: 'checkout-availability', action: 'created', revision: 1 },
      { kind: 'SLO', name: 'checkout-availability', action: 'unchanged', revision: 1 },
    ];

    expect(await t.store.applyObjects(batch, 'bob', { dryRun: true })).toEqual(expected);
    expect((await t.store.listObjects()).map((o) => [o.kind, o.name, o.revision, o.object.spec])).toEqual([
      ['Service', 'checkout', 1, { description: 'Checkout API' }],
    ]);
    expect(await t.store.listAudit()).toHaveLength(1);
    // The real run then does exactly what the dry run announced.
    expect(await t.store.applyObjects(batch, 'bob')).toEqual(expected);
  });

  it('writes nothing of a batch whose document cannot be serialized part-way through', async () => {
    await t.store.applyObjects([checkout], 'alice');
    const unserializable = objectWrite('SLO', 'broken', { budget: 10n });
    const batch = [objectWrite('Service', 'checkout', { description: 'changed' }), availability, unserializable];

    await expect(t.store.applyObjects(batch, 'bob')).rejects.toThrow(/BigInt/);
    expect((await t.store.listObjects()).map((o) => [o.kind, o.name, o.revision])).toEqual([['Service', 'checkout', 1]]);
    expect((await t.store.listAudit()).map((e) => e.id)).toEqual([1]);
  });

  it('writes nothing of a batch the database refuses part-way through', async () => {
    // The port's types forbid a null source; forcing one makes the NOT NULL constraint fail
    // after the first write and its audit entry were already sent in the same transaction.
    const refused = { ...availability, sourceText: null } as unknown as ObjectWrite;

    await expect(t.store.applyObjects([checkout, refused], 'alice')).rejects.toThrow();
    expect(await t.store.listObjects()).toEqual([]);
    expect(await t.store.listAudit()).toEqual([]);
  });

  it('lists by kind then name in code-point order, and filters by kind', async () => {
    await t.store.applyObjects([
      objectWrite('Service', 'b'), objectWrite('SLO', 'a'), objectWrite('Service', 'Z'),
      objectWrite('SLI', 'a'), objectWrite('Service', 'a'),
    ], 'alice');

    // 'L' (U+004C) sorts before 'e' (U+0065), and 'Z' (U+005A) before 'a' (U+0061).
    expect((await t.store.listObjects()).map((o) => `${o.kind}/${o.name}`)).toEqual([
      'SLI/a', 'SLO/a', 'Service/Z', 'Service/a', 'Service/b',
    ]);
    expect((await t.store.listObjects('Service')).map((o) => o.name)).toEqual(['Z', 'a', 'b']);
    expect(await t.store.listObjects('service')).toEqual([]);
    expect(await t.store.getObject('Service', 'missing')).toBeUndefined();
  });

  // Replicas share a database only on PostgreSQL (DESIGN.md §5); one SQLite file has one server.
  it.skipIf(engine === 'sqlite')('gives replicas applying at once distinct revisions, one create and one audit entry each', async () => {
    const replicas = await Promise.all([1, 2, 3, 4].map(() => openStore(t.options)));
    try {
      const same = await Promise.all(replicas.map((replica, i) => replica.applyObjects([checkout], `replica-${i}`)));
      expect(same.flat().map((o) => `${o.action}:${o.revision}`).sort()).toEqual(['created:1', 'unchanged:1', 'unchanged:1', 'unchanged:1']);

      const distinct = await Promise.all(replicas.map((replica, i) =>
        replica.applyObjects([objectWrite('Service', 'checkout', { description: `v${i}` })], `replica-${i}`)));
      expect(distinct.flat().map((o) => `${o.action}:${o.revision}`).sort()).toEqual(['configured:2', 'configured:3', 'configured:4', 'configured:5']);
    } finally {
      await Promise.all(replicas.map((replica) => replica.close()));
    }
    expect(await t.store.getObject('Service', 'checkout')).toMatchObject({ revision: 5 });
    expect((await t.store.listAudit()).map((e) => e.details)).toEqual([5, 4, 3, 2, 1].map((revision) => ({ revision })));
  });
});
