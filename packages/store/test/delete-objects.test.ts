import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, testDatabaseEngines } from '@xops/store';
import type { TestStore } from '@xops/store';
import { objectWrite, steppingClock } from './fixtures';

describe.each(testDatabaseEngines())('deleteObjects on %s', (engine) => {
  let t: TestStore;
  beforeEach(async () => { t = await openTestStore(engine, { now: steppingClock() }); });
  afterEach(() => t.cleanup());

  it('deletes with the last revision; a missing or repeated name is unchanged at revision 0', async () => {
    await t.store.applyObjects([objectWrite('Service', 'checkout'), objectWrite('Service', 'search')], 'alice'); // 10:00:00, audit 1-2
    await t.store.applyObjects([objectWrite('Service', 'checkout', { tier: 1 })], 'alice'); // 10:00:01, audit 3

    const refs = [{ kind: 'Service', name: 'checkout' }, { kind: 'Service', name: 'nope' }, { kind: 'Service', name: 'checkout' }];
    expect(await t.store.deleteObjects(refs, 'carol')).toEqual([
      { kind: 'Service', name: 'checkout', action: 'deleted', revision: 2 },
      { kind: 'Service', name: 'nope', action: 'unchanged', revision: 0 },
      { kind: 'Service', name: 'checkout', action: 'unchanged', revision: 0 },
    ]);
    expect(await t.store.getObject('Service', 'checkout')).toBeUndefined();
    expect((await t.store.listObjects()).map((o) => o.name)).toEqual(['search']);
    expect(await t.store.listAudit({ limit: 1 })).toEqual([
      { id: 4, at: '2025-03-01T10:00:02.000Z', actor: 'carol', action: 'object.delete', kind: 'Service', name: 'checkout', details: { revision: 2 } },
    ]);
  });

  it('reports a dry run and keeps the object', async () => {
    await t.store.applyObjects([objectWrite('Service', 'checkout')], 'alice');

    expect(await t.store.deleteObjects([{ kind: 'Service', name: 'checkout' }], 'carol', { dryRun: true })).toEqual([
      { kind: 'Service', name: 'checkout', action: 'deleted', revision: 1 },
    ]);
    expect(await t.store.getObject('Service', 'checkout')).toMatchObject({ revision: 1 });
    expect((await t.store.listAudit()).map((e) => e.action)).toEqual(['object.create']);
  });

  it('creates a deleted object afresh at revision 1', async () => {
    await t.store.applyObjects([objectWrite('Service', 'checkout'), objectWrite('Service', 'checkout', { tier: 1 })], 'alice');
    await t.store.deleteObjects([{ kind: 'Service', name: 'checkout' }], 'alice');

    expect(await t.store.applyObjects([objectWrite('Service', 'checkout')], 'alice')).toEqual([
      { kind: 'Service', name: 'checkout', action: 'created', revision: 1 },
    ]);
  });
});
