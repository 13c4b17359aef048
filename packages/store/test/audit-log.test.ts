import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, testDatabaseEngines } from '@xops/store';
import type { TestStore } from '@xops/store';
import { steppingClock } from './fixtures';

describe.each(testDatabaseEngines())('audit log on %s', (engine) => {
  let t: TestStore;
  beforeEach(async () => { t = await openTestStore(engine, { now: steppingClock() }); });
  afterEach(() => t.cleanup());

  const appendNumbered = async (count: number) => {
    for (let n = 1; n <= count; n++) await t.store.appendAudit({ actor: 'alice', action: `test.${n}` });
  };

  it('keeps what was appended, details parsed back from JSON', async () => {
    await t.store.appendAudit({ actor: 'alice', action: 'incident.ack', kind: 'Incident', name: 'inc-7', details: { note: 'on it', tags: ['db', 1, null] } });
    await t.store.appendAudit({ actor: 'system', action: 'server.start' });

    expect(await t.store.listAudit()).toEqual([
      { id: 2, at: '2025-03-01T10:00:01.000Z', actor: 'system', action: 'server.start', kind: null, name: null, details: null },
      { id: 1, at: '2025-03-01T10:00:00.000Z', actor: 'alice', action: 'incident.ack', kind: 'Incident', name: 'inc-7', details: { note: 'on it', tags: ['db', 1, null] } },
    ]);
  });

  it('pages newest first with limit and before', async () => {
    await appendNumbered(5);

    const ids = async (options?: { limit?: number; before?: number }) => (await t.store.listAudit(options)).map((e) => e.id);
    expect(await ids()).toEqual([5, 4, 3, 2, 1]);
    expect(await ids({ limit: 2 })).toEqual([5, 4]);
    expect(await ids({ limit: 2, before: 4 })).toEqual([3, 2]);
    expect(await ids({ limit: 2, before: 2 })).toEqual([1]);
    expect(await ids({ before: 1 })).toEqual([]);
  });

  it('returns 100 entries by default and at most 1000', async () => {
    await appendNumbered(1001);

    const byDefault = await t.store.listAudit();
    expect(byDefault).toHaveLength(100);
    expect([byDefault[0]!.id, byDefault[99]!.id]).toEqual([1001, 902]);
    const most = await t.store.listAudit({ limit: 5000 });
    expect(most).toHaveLength(1000);
    expect([most[0]!.id, most[999]!.id]).toEqual([1001, 2]);
  });
});
