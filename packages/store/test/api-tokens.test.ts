import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, openTestStore, StoreConflictError, testDatabaseEngines } from '@xops/store';
import type { TestStore } from '@xops/store';
import { steppingClock } from './fixtures';
import { runRawSql } from './raw-sql';

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

  it('stores an ingest token with its scopes, each once in vocabulary order, and audits them', async () => {
    const created = await t.store.insertToken({
      name: 'prometheus', scopes: ['ingest:alerts', 'ingest:metrics', 'ingest:alerts'], hash: 'sha256:bbb', createdBy: 'alice',
    });

    expect(created).toEqual({
      id: expect.stringMatching(UUID), name: 'prometheus', scopes: ['ingest:metrics', 'ingest:alerts'], createdAt: '2025-03-01T10:00:00.000Z', createdBy: 'alice',
    });
    expect(await t.store.findTokenByHash('sha256:bbb')).toEqual({ ...created, hash: 'sha256:bbb' });
    expect(await t.store.listTokens()).toEqual([created]);
    expect(await t.store.listAudit()).toEqual([{
      id: 1, at: '2025-03-01T10:00:00.000Z', actor: 'alice', action: 'token.create', kind: null, name: 'prometheus',
      details: { id: created.id, scopes: ['ingest:metrics', 'ingest:alerts'] },
    }]);
  });

  it.each([
    ['both a role and scopes', `'viewer', '["ingest:metrics"]'`],
    ['neither', 'null, null'],
  ])('has a schema that refuses a token with %s', async (_what, grant) => {
    const insert = `insert into api_tokens (id, name, role, scopes, hash, created_by, created_at) values ('i', 'n', ${grant}, 'h', 'c', '2025-03-01T10:00:00.000Z')`;
    await expect(runRawSql(engine, t.options, insert)).rejects.toThrow(/api_tokens_role_or_scopes/);
    expect(await t.store.countTokens()).toBe(0);
  });

  it('keeps the tokens of a database from before scopes (migration 0004) as role tokens', async () => {
    // The table as 0001 made it, with a token in it, and 0004 not yet applied.
    await runRawSql(engine, t.options, `
      delete from kysely_migration where name = '0004-scoped-tokens';
      drop table api_tokens;
      create table api_tokens (id text primary key, name text not null unique, role text not null,
        hash text not null unique, created_by text not null, created_at text not null);
      insert into api_tokens values ('old-id', 'ci', 'editor', 'old-hash', 'alice', '2025-01-01T00:00:00.000Z');
    `);

    const upgraded = await openStore(t.options);
    try {
      expect(await upgraded.findTokenByHash('old-hash')).toEqual({
        id: 'old-id', name: 'ci', role: 'editor', createdAt: '2025-01-01T00:00:00.000Z', createdBy: 'alice', hash: 'old-hash',
      });
      await upgraded.insertToken({ name: 'prometheus', scopes: ['ingest:metrics'], hash: 'new-hash', createdBy: 'alice' });
      await expect(upgraded.insertToken({ name: 'ci', scopes: ['ingest:metrics'], hash: 'other-hash', createdBy: 'alice' }))
        .rejects.toBeInstanceOf(StoreConflictError);
      expect((await upgraded.listTokens()).map((token) => [token.name, 'role' in token ? token.role : token.scopes])).toEqual([
        ['ci', 'editor'], ['prometheus', ['ingest:metrics']],
      ]);
    } finally {
      await upgraded.close();
    }
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
