import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { AlertIntakeResultBody, IncidentBody, IncidentDetailsBody, IncomingAlertBody, NotificationBody, WebhookNotification } from '@xops/contracts';
import { openTestStore, testDatabaseEngines, type OpenStoreOptions, type TestStore } from '@xops/store';
import { afterEach, describe, expect, it } from 'vitest';
import { bootstrapAdminToken } from '../src/auth/bootstrap-admin-token';
import { NOTIFICATIONS_LEASE } from '../src/notifications/notifier';
import { ingestToken } from './alert-fixtures';
import { startHttpReceiver, type HttpReceiver } from './notification-peers';
import { waitFor } from './wait-for';

const SCRIPT = fileURLToPath(new URL('./alert-crash-server.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SECRET = 'crash-test-webhook-secret-0123456789';

// 300 alerts in 12 clusters of 25, streamed cluster after cluster, 4 requests at a time. The
// server is killed at the first 2xx after the 100th that finds a send in flight (the receiver
// has the request and has not answered): the first clusters open their incidents before the
// kill, the last ones on the restarted server, and that send goes out again with its key.
const ALERTS = 300;
const PER_CLUSTER = 25;
const CLUSTERS = ALERTS / PER_CLUSTER;
const KILL_AFTER = 100;
const CONCURRENCY = 4;
// The receiver answers this long after a request has arrived: slower than the alerts come in, so
// the delivery loop is never idle while they stream.
const RECEIVER_DELAY_MS = 100;

const clusterOf = (index: number) => `c${Math.floor(index / PER_CLUSTER)}`;
const summaryOf = (index: number) => `alert ${index} of ${clusterOf(index)}`;
const hmacHex = (body: string) => createHmac('sha256', SECRET).update(body).digest('hex');

const xops = (kind: string, name: string, spec: Record<string, unknown>) => ({ apiVersion: 'xops.dev/v1', kind, metadata: { name }, spec });

/**
 * pat is always on call; each cluster's alerts page once (a group per cluster, told at once, its
 * changes every second), and every alert is told to the chat on its own (a group per alert).
 */
function documents(receiverUrl: string) {
  return [
    xops('Team', 'crash', { timeZone: 'UTC', members: [{ name: 'pat', displayName: 'Pat Park', email: 'pat@example.com', contactMethods: [{ type: 'webhook', address: `${receiverUrl}/page/pat` }] }] }),
    xops('Schedule', 'crash-primary', { team: 'crash', timeZone: 'UTC', layers: [{ name: 'always', users: ['pat'], rotation: 'weekly', start: '2026-01-05T00:00' }] }),
    xops('EscalationPolicy', 'crash', { team: 'crash', levels: [{ escalateAfter: '1h', targets: [{ schedule: 'crash-primary' }] }] }),
    { apiVersion: 'openslo/v1', kind: 'AlertNotificationTarget', metadata: { name: 'crash-chat' }, spec: { target: `${receiverUrl}/chat` } },
    xops('Route', 'crash-pages', {
      order: 1, continue: true, matchers: ['alertname="CrashTest"'], groupBy: ['cluster'], groupWait: '0s', groupInterval: '1s', target: { escalationPolicy: 'crash' },
    }),
    xops('Route', 'crash-chat', { order: 2, matchers: ['alertname="CrashTest"'], groupBy: ['...'], groupWait: '0s', target: { channel: 'crash-chat' } }),
  ].map((object) => ({ object }));
}

interface ServerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** Its name in the lease table. */
  readonly holder: string;
  readonly exited: Promise<void>;
  /** What it logged (warnings and errors, pino JSON), so far. */
  readonly log: { text: string };
}

/** Starts `alert-crash-server.ts` on the test's database and resolves once it listens. */
async function startServerProcess(options: OpenStoreOptions, running: ServerProcess[]): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    cwd: REPO_ROOT,
    env: { ...process.env, XOPS_CRASH_DATA_DIR: options.dataDir, XOPS_CRASH_DATABASE_URL: options.databaseUrl ?? '', XOPS_WEBHOOK_SECRET: SECRET },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const log = { text: '' };
  child.stderr?.on('data', (chunk: Buffer) => { log.text += chunk.toString(); });
  const partial = { child, exited, log, url: '', holder: '' };
  running.push(partial);
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before it listened:\n${log.text}`)));
  });
  const { url, holder } = JSON.parse(line) as { url: string; holder: string };
  Object.assign(partial, { url, holder });
  return partial;
}

interface StreamResult {
  /** Index of each alert answered 2xx → its fingerprint. */
  readonly accepted: Map<number, string>;
  /** What the other requests got: a status or the network error. */
  readonly failed: Map<number, string>;
}

/**
 * Posts one alert a request to the generic endpoint, `CONCURRENCY` at a time, as a monitor that
 * streams alerts would; `onAccepted` hears of every 2xx with the count so far, and the sender
 * waits for it before its next request. Each alert keeps
 * its `startsAt` across sends, as Alertmanager's retries do.
 */
async function stream(options: { url: string; token: string; indices: readonly number[]; startsAt: number; onAccepted?: (count: number) => Promise<void> }): Promise<StreamResult> {
  const accepted = new Map<number, string>();
  const failed = new Map<number, string>();
  let next = 0;
  const worker = async () => {
    for (let index = options.indices[next++]; index !== undefined; index = options.indices[next++]) {
      const event = {
        labels: { alertname: 'CrashTest', cluster: clusterOf(index), instance: `i${index}`, severity: 'critical' },
        annotations: { summary: summaryOf(index) },
        status: 'firing',
        startsAt: options.startsAt + index,
      };
      try {
        const response = await fetch(`${options.url}/api/v1/alerts/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(event),
        });
        const text = await response.text();
        if (!response.ok) {
          failed.set(index, `${response.status} ${text.slice(0, 200)}`);
          continue;
        }
        const body = JSON.parse(text) as AlertIntakeResultBody;
        accepted.set(index, body.alerts[0]?.fingerprint ?? '');
        await options.onAccepted?.(accepted.size);
      } catch (error) {
        failed.set(index, error instanceof Error ? `${error.message} ${String(error.cause ?? '')}` : String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { accepted, failed };
}

describe.each(testDatabaseEngines())('kill -9 while alerts stream in, on %s', (engine) => {
  const servers: ServerProcess[] = [];
  let database: TestStore | undefined;
  let receiver: HttpReceiver | undefined;
  afterEach(async () => {
    for (const server of servers) server.child.kill('SIGKILL');
    await Promise.all(servers.splice(0).map((server) => server.exited));
    await receiver?.close();
    await database?.cleanup();
  });

  it('loses no accepted alert and no notification, and pages nobody twice for the same thing', async () => {
    const startedAt = Date.now();
    receiver = await startHttpReceiver();
    receiver.answer('/page/pat', { status: 200, delayMs: RECEIVER_DELAY_MS });
    receiver.answer('/chat', { status: 200, delayMs: RECEIVER_DELAY_MS });
    database = await openTestStore(engine);
    const admin = await bootstrapAdminToken(database.store);
    if (admin === undefined) throw new Error('a fresh store should get an admin token');
    const token = await ingestToken(database.store, 'alert-stream', ['ingest:alerts']);

    const first = await startServerProcess(database.options, servers);
    const call = async <T>(server: ServerProcess, path: string, init: { method?: string; body?: unknown } = {}): Promise<T> => {
      const response = await fetch(`${server.url}${path}`, {
        method: init.method ?? 'GET',
        headers: { authorization: `Bearer ${admin}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
      const text = await response.text();
      expect(response.status, `${path}: ${text}`).toBe(200);
      return JSON.parse(text) as T;
    };
    await call(first, '/api/v1/apply', { method: 'POST', body: { documents: documents(receiver.url) } });
    // Its delivery loop runs before the alerts come: the kill must find sends in flight.
    const { store } = database;
    await waitFor('the server to hold the notifications lease', 10_000, async () => ((await store.getLease(NOTIFICATIONS_LEASE))?.holder === first.holder ? true : undefined));

    // Phase 1: stream every alert; kill -9 once a send is in flight. The requests after it fail.
    // From the KILL_AFTERth 2xx on, each sender waits (10 s at most) for a send to be in flight:
    // the intake can take all the alerts in before the delivery loop's first pass (every second).
    const streamStart = Date.now();
    let killedAt = 0;
    let unansweredAtKill: string[] = [];
    const before = await stream({
      url: first.url, token, indices: Array.from({ length: ALERTS }, (_, index) => index), startsAt: streamStart,
      onAccepted: async (count) => {
        for (const deadline = Date.now() + 10_000; killedAt === 0 && count >= KILL_AFTER && Date.now() < deadline;) {
          const now = Date.now();
          // Arrived less than half the answer delay ago: surely not answered yet.
          const unanswered = receiver!.requests.filter((request) => now - request.receivedAt < RECEIVER_DELAY_MS / 2);
          if (unanswered.length > 0) {
            first.child.kill('SIGKILL');
            killedAt = now;
            unansweredAtKill = unanswered.map((request) => String(request.headers['x-xops-idempotency-key']));
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      },
    });
    // Never killed (the assertion below says so): ended here rather than waited for.
    if (killedAt === 0) first.child.kill('SIGKILL');
    await first.exited;
    const receivedAtKill = receiver.requests.length;
    expect(killedAt, 'the kill: no send was in flight while the alerts streamed').toBeGreaterThan(0);
    expect(before.accepted.size).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(before.failed.size).toBe(ALERTS - before.accepted.size);

    // Restart on the same database: every alert answered 2xx is there.
    const second = await startServerProcess(database.options, servers);
    const restartedAt = Date.now();
    const incoming = () => call<IncomingAlertBody[]>(second, '/api/v1/alerts/incoming?source=alerts&limit=1000');
    const stored = new Map((await incoming()).map((alert) => [alert.fingerprint, alert]));
    const lost = [...before.accepted].filter(([, fingerprint]) => !stored.has(fingerprint)).map(([index]) => index);
    expect(lost, 'alerts answered 2xx before the kill but not stored').toEqual([]);
    // Requests cut off by the kill may have been committed all the same: sent again, they must change nothing.
    const storedUnanswered = [...stored.values()].filter((alert) => before.failed.has(Number(/^alert (\d+) of/.exec(alert.summary)?.[1]))).length;

    // Phase 2: the stream goes on with what got no 2xx, then sends every alert once more (as
    // Alertmanager re-sends firing groups): alerts told already must be told no more.
    const failedIndices = [...before.failed.keys()].sort((a, b) => a - b);
    const after = await stream({ url: second.url, token, indices: [...failedIndices, ...Array.from({ length: ALERTS }, (_, index) => index)], startsAt: streamStart });
    expect([...after.failed]).toEqual([]);
    const fingerprints = new Map([...before.accepted, ...after.accepted]);
    expect(fingerprints.size).toBe(ALERTS);
    for (const [index, fingerprint] of before.accepted) expect(after.accepted.get(index)).toBe(fingerprint);

    // Delivery finishes: the killed server's claims lapse (4 s) and its leases expire (10 s).
    const expectedNotifications = CLUSTERS + ALERTS;
    const receivedKeys = () => new Set(receiver!.requests.map((request) => request.headers['x-xops-idempotency-key']));
    const outbox = await waitFor('every notification to be delivered', 60_000, async () => {
      const rows = await call<NotificationBody[]>(second, '/api/v1/notifications?limit=1000');
      const failed = rows.filter((row) => row.status === 'failed');
      if (failed.length > 0) throw new Error(`notifications given up: ${JSON.stringify(failed, null, 2)}`);
      if (rows.length < expectedNotifications || rows.some((row) => row.status !== 'delivered')) return undefined;
      const seen = receivedKeys();
      return rows.every((row) => seen.has(row.idempotencyKey)) ? rows : undefined;
    });
    const incidentOf = new Map<string, IncidentDetailsBody>();
    await waitFor('every alert to be on its cluster\'s incident', 30_000, async () => {
      const incidents = await call<IncidentBody[]>(second, '/api/v1/incidents?limit=500');
      for (const incident of incidents) {
        const cluster = /\{cluster="(c\d+)"\}$/.exec(incident.groupKey ?? '')?.[1] ?? incident.id;
        expect(incidentOf.get(cluster)?.id ?? incident.id, `a second incident for ${cluster}`).toBe(incident.id);
        incidentOf.set(cluster, await call<IncidentDetailsBody>(second, `/api/v1/incidents/${incident.number}`));
      }
      const alertEntries = [...incidentOf.values()].reduce((sum, details) => sum + details.timeline.filter((event) => event.kind === 'alert').length, 0);
      return incidents.length === CLUSTERS && alertEntries >= ALERTS ? true : undefined;
    });
    const settledAt = Date.now();

    // Every alert is stored, firing, on the incident of its cluster, whose timeline tells it once.
    const final = await incoming();
    expect(final).toHaveLength(ALERTS);
    expect(new Set(final.map((alert) => alert.fingerprint))).toEqual(new Set(fingerprints.values()));
    const byFingerprint = new Map([...fingerprints].map(([index, fingerprint]) => [fingerprint, index]));
    expect([...incidentOf.keys()].sort()).toEqual(Array.from({ length: CLUSTERS }, (_, cluster) => `c${cluster}`).sort());
    for (const [cluster, details] of incidentOf) {
      const kinds = (kind: string) => details.timeline.filter((event) => event.kind === kind);
      const told = kinds('alert').map((event) => (event.details as { fingerprint: string }).fingerprint).sort();
      const expected = [...fingerprints].filter(([index]) => clusterOf(index) === cluster).map(([, fingerprint]) => fingerprint).sort();
      expect(told, `the alerts on ${cluster}'s timeline`).toEqual(expected);
      expect(kinds('opened')).toHaveLength(1);
      expect(kinds('page').map((event) => event.text)).toEqual([`Paged pat (level 1) by webhook ${receiver.url}/page/pat`]);
    }
    for (const alert of final) {
      const index = byFingerprint.get(alert.fingerprint) ?? -1;
      expect(alert).toMatchObject({ status: 'firing', summary: summaryOf(index), incident: { id: incidentOf.get(clusterOf(index))?.id } });
    }

    // The outbox: one page per incident and one chat message per alert, each delivered.
    expect(outbox).toHaveLength(expectedNotifications);
    const pageKeys = [...incidentOf.values()].map((details) => `incident:${details.id}:level:1:round:0:pat:webhook`).sort();
    expect(outbox.filter((row) => row.channel === 'webhook' && row.recipient === 'pat').map((row) => row.idempotencyKey).sort()).toEqual(pageKeys);

    // The receiver: each key at most twice (a send cut off by the kill, sent again with the same
    // key), each signed, and nothing told twice under different keys.
    const seen = new Map<string, WebhookNotification[]>();
    for (const request of receiver.requests) {
      expect(request.headers['x-xops-signature']).toBe(`sha256=${hmacHex(request.body)}`);
      const body = JSON.parse(request.body) as WebhookNotification;
      expect(request.headers['x-xops-idempotency-key']).toBe(body.idempotencyKey);
      seen.set(body.idempotencyKey, [...(seen.get(body.idempotencyKey) ?? []), body]);
    }
    expect(new Set(seen.keys())).toEqual(new Set(outbox.map((row) => row.idempotencyKey)));
    const twice = [...seen].filter(([, bodies]) => bodies.length > 1).map(([key]) => key);
    for (const [key, bodies] of seen) {
      expect(bodies.length, `deliveries of ${key}`).toBeLessThanOrEqual(2);
      expect(new Set(bodies.map((body) => body.id)).size, `outbox rows behind ${key}`).toBe(1);
    }
    // The sends the kill cut off went out again after their claims lapsed, with the same keys.
    expect(unansweredAtKill.length).toBeGreaterThan(0);
    for (const key of unansweredAtKill) expect(twice, `${key}, unanswered at the kill`).toContain(key);
    const pagesBy = new Map<string, Set<string>>();
    const chatsBy = new Map<number, Set<string>>();
    for (const [key, [body]] of seen) {
      if (body?.incident !== null && body?.incident !== undefined) {
        const thing = `${body.incident.id}:${body.recipient}`;
        pagesBy.set(thing, new Set([...(pagesBy.get(thing) ?? []), key]));
        continue;
      }
      for (const line of body?.text.split('\n') ?? []) {
        const index = /^Firing: alert (\d+) of c\d+$/.exec(line)?.[1];
        if (index !== undefined) chatsBy.set(Number(index), new Set([...(chatsBy.get(Number(index)) ?? []), key]));
      }
    }
    expect([...pagesBy.keys()].sort()).toEqual([...incidentOf.values()].map((details) => `${details.id}:pat`).sort());
    expect([...pagesBy.values()].filter((keys) => keys.size !== 1)).toEqual([]);
    expect([...chatsBy.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: ALERTS }, (_, index) => index));
    expect([...chatsBy.values()].filter((keys) => keys.size !== 1)).toEqual([]);

    expect(second.log.text).not.toMatch(/"level":50/);
    process.stderr.write(`alert crash safety (${engine}): ${before.accepted.size} alerts accepted before the kill `
      + `${killedAt - streamStart} ms into the stream, ${receivedAtKill} deliveries by then (${unansweredAtKill.length} unanswered), `
      + `${before.failed.size} sent again after the restart (${restartedAt - killedAt} ms later; ${storedUnanswered} of them stored already), then all ${ALERTS} once more; ${twice.length} keys delivered twice; settled ${settledAt - restartedAt} ms after the restart, `
      + `${Date.now() - startedAt} ms in all\n`);
  }, 120_000);
});
