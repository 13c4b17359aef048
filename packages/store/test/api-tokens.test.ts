import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, StoreConflictError, testDatabaseEngines } from '@xops/store';
import type { TestStore } from '@xops/store';
import { steppingClock } from './fixtures';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe.each(testDatabaseEngines())('tokens on %s', (engine) => {
  let t: TestStore;
  beforeEach(async () => { t = await openTestStore(engine, { now: steppingClock() }); });
  afterEach(() => t.cleanup());

  it('starts with none', async () => {
    expect(await t.store.countTokens()).toBe(0);
    expect(await t.store.listTokens()).toEqual([]);
  });

  it('stores a token by its hash and finds it by that hash', async () => {
    const created = await t.store.insertToken({ name: 'admin', role: 'admin', hash: 'sha256:aaa', createdBy: 'system' });

    expect(created).toEqual({ id: expect.stringMatching(UUID), name: 'admin', role: 'admin', createdAt: '2025-03-01T10:00:00.000Z', createdBy: 'system' });
    expect(await t.store.countTokens()).toBe(1);
    expect(await t.store.findTokenByHash('sha256:aaa')).toEqual({ ...created, hash: 'sha256:aaa' });
    expect(await t.store.findTokenByHash('sha256:AAA')).toBeUndefined();
    expect(await t.store.listTokens()).toEqual([created]);
  });

  it('records the creation in the audit log, without the hash', async () => {
    const created = await t.store.insertToken({ name: 'ci', role: 'editor', hash: 'sha256:secret-hash', createdBy: 'alice' });

    const audit = await t.store.listAudit();
    expect(audit).toEqual([
      { id: 1, at: '2025-03-01T10:00:00.000Z', actor: 'alice', action: 'token.create', kind: null, name: 'ci', details: { id: created.id, role: 'editor' } },
    ]);
    expect(JSON.stringify(audit)).not.toContain('secret-hash');
  });

  it('lists by name in code-point order', async () => {
    for (const name of ['ci-deploy', 'admin', 'CI']) {
      await t.store.insertToken({ name, role: 'viewer', hash: `hash-${name}`, createdBy: 'system' });
    }
    expect((await t.store.listTokens()).map((token) => token.name)).toEqual(['CI', 'admin', 'ci-deploy']);
  });

  it('refuses a name that is taken, with a conflict, and writes nothing', async () => {
    await t.store.insertToken({ name: 'ci', role: 'editor', hash: 'h1', createdBy: 'alice' });

    const attempt = t.store.insertToken({ name: 'ci', role: 'admin', hash: 'h2', createdBy: 'mallory' });
    await expect(attempt).rejects.toBeInstanceOf(StoreConflictError);
    await expect(attempt).rejects.toMatchObject({ code: 'XOPS_ERR_CONFLICT', message: 'a token named "ci" already exists' });
    expect(await t.store.countTokens()).toBe(1);
    expect(await t.store.findTokenByHash('h2')).toBeUndefined();
    expect((await t.store.listAudit()).map((e) => e.actor)).toEqual(['alice']);
  });
});
