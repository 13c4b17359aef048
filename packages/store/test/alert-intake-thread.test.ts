import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, openTestStore, StoreConflictError, type AlertReport, type TestStore } from '@xops/store';
import { Kysely } from 'kysely';
import { createSqliteDialect } from '../src/sqlite-dialect';
import type { XopsDatabase } from '../src/xops-database';
import { NO_ROUTES, objectWrite } from './fixtures';

// On SQLite the alert intake runs on a thread of its own with its own connection
// (alert-intake-thread.ts): what crosses between the threads, and the two connections' writes.

const NOW = 1_800_000_000_000;

function reports(prefix: string, count: number): AlertReport[] {
  return Array.from({ length: count }, (_, i) => ({
    kind: 'report', source: 'alerts', dedupKey: `${prefix}-${i}`, labels: { alertname: 'DiskFull', instance: `${prefix}-${i}` },
    annotations: {}, summary: `disk full on ${prefix}-${i}`, startsAt: NOW - 60_000, endsAt: null,
  }));
}

describe('the alert intake thread (SQLite)', () => {
  let t: TestStore;
  beforeEach(async () => { t = await openTestStore('sqlite'); });
  afterEach(() => t.cleanup());

  it('takes alerts in while the main connection writes: every write of both lands, none fails busy', async () => {
    const intakes = Array.from({ length: 10 }, (_, k) => t.store.intakeAlerts({ reports: reports(`host${k}`, 50), now: NOW, actor: 'test', routing: NO_ROUTES }));
    // Both connections write at once; each waits for the other's lock (the window in which a
    // deferred transaction fails is too short to hit here: the next test holds it open).
    const applies = Array.from({ length: 30 }, (_, k) => t.store.applyObjects([objectWrite('Service', `svc-${k}`)], 'alice'));
    const outcomes = await Promise.all(intakes);
    expect((await Promise.all(applies)).map((applied) => applied[0]?.action)).toEqual(Array.from({ length: 30 }, () => 'created'));
    // Each intake answers its own 50 reports, in order: an alert with no route is stored as unrouted.
    expect(outcomes.map((outcome) => outcome.alerts.length)).toEqual(Array.from({ length: 10 }, () => 50));
    expect(outcomes[3]?.alerts[7]).toMatchObject({ source: 'alerts', dedupKey: 'host3-7', status: 'firing', outcome: 'unrouted' });
    // What the thread committed, the main connection reads.
    const stored = await t.store.listIncomingAlerts({ now: NOW, limit: 1000 });
    expect(stored).toHaveLength(500);
    expect(new Set(stored.map((alert) => alert.dedupKey)).size).toBe(500);
  });

  it('lets a main-thread transaction that read, then writes, commit after the thread committed in between', async () => {
    // Started and warm: the thread's first intake loads its code.
    await t.store.intakeAlerts({ reports: reports('warm', 1), now: NOW, actor: 'test', routing: NO_ROUTES });
    const db = new Kysely<XopsDatabase>({ dialect: await createSqliteDialect(t.options.dataDir) });
    try {
      let intake: Promise<unknown> | undefined;
      await db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('leases').select('name').execute();
        intake = t.store.intakeAlerts({ reports: reports('meanwhile', 5), now: NOW, actor: 'test', routing: NO_ROUTES });
        await new Promise((resolve) => setTimeout(resolve, 200));
        // Begun IMMEDIATE, this transaction holds the write lock, so the thread waited for it; begun
        // deferred, the thread would have committed by now and this write failed with SQLITE_BUSY.
        await trx.insertInto('leases').values({ name: `after-${before.length}-leases`, holder: 'test', expires_at: NOW }).execute();
      });
      await intake;
      expect(await t.store.getLease('after-0-leases')).toEqual({ holder: 'test', expiresAt: NOW });
      expect(await t.store.listIncomingAlerts({ now: NOW })).toHaveLength(6);
    } finally {
      await db.destroy();
    }
  });

  it('gives back a cursor that moved meanwhile as a StoreConflictError, the error the SLO alert source waits for', async () => {
    const moved = t.store.intakeAlerts({ reports: reports('slo', 1), now: NOW, actor: 'slo', routing: NO_ROUTES, cursor: { name: 'slo-alerts', from: 5, to: 6 } });
    await expect(moved).rejects.toBeInstanceOf(StoreConflictError);
    await expect(moved).rejects.toThrow('the cursor slo-alerts is not at 5 any more');
    // Nothing of the failed transaction was written.
    expect(await t.store.listIncomingAlerts({ now: NOW })).toEqual([]);
  });

  it('fails the intakes out when the thread fails, logs it, and starts a new thread at the next intake', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'xops-intake-thread-'));
    const warnings: string[] = [];
    const store = await openStore({ dataDir: dir, logger: { info: () => undefined, warn: (_fields, message) => { warnings.push(message); } } });
    try {
      // The thread opens <dataDir>/xops.db itself: with a file where the directory was, it cannot.
      await rm(dir, { recursive: true });
      await writeFile(dir, 'not a directory');
      await expect(store.intakeAlerts({ reports: reports('a', 1), now: NOW, actor: 'test', routing: NO_ROUTES }))
        .rejects.toThrow(/^the alert intake thread failed: EEXIST/);
      expect(warnings).toEqual(['the alert intake thread stopped; it starts again at the next intake']);
      // The next intake starts a new thread. It opens a new, empty database there, and says so.
      await rm(dir);
      await mkdir(dir);
      await expect(store.intakeAlerts({ reports: reports('b', 1), now: NOW, actor: 'test', routing: NO_ROUTES }))
        .rejects.toThrow('no such table: alerts');
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses an intake once the store is closed, saying so', async () => {
    await t.store.intakeAlerts({ reports: reports('a', 1), now: NOW, actor: 'test', routing: NO_ROUTES });
    await t.store.close();
    await expect(t.store.intakeAlerts({ reports: reports('b', 1), now: NOW, actor: 'test', routing: NO_ROUTES }))
      .rejects.toThrow('the store is closed: no more alerts can be taken in');
  });

  it('lets a process that took alerts in end while its store is idle, as a CLI command does without closing it', () => {
    const script = fileURLToPath(new URL('./idle-intake-exit.ts', import.meta.url));
    const child = spawnSync(process.execPath, ['--import', 'tsx', script, t.options.dataDir], { encoding: 'utf8', timeout: 30_000 });
    expect(child.error).toBeUndefined();
    expect(child.stderr).toBe('');
    expect(child.stdout).toBe('1 alert taken in\n');
    expect(child.status).toBe(0);
  });
});
