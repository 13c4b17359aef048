import { createHmac } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncidentBody, IncidentDetailsBody, IncomingAlertBody, NotificationBody, WebhookNotification } from '@xops/contracts';
import { openTestStore, type TestStore } from '@xops/store';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { bootstrapAdminToken } from '../src/auth/bootstrap-admin-token';
import { startServer, type RunningServer } from '../src/main';
import { ingestToken } from './alert-fixtures';
import { ALERTMANAGER, alertmanagerPresent, startPeerProcess, type PeerProcess } from './alertmanager-peer';
import { startHttpReceiver, type HttpReceiver } from './notification-peers';
import { PROMETHEUS, peersRequired } from './prometheus-peer';
import { waitFor } from './wait-for';

const present = alertmanagerPresent('The Prometheus → Alertmanager → xops test');
const SECRET = 'peer-test-webhook-secret-0123456789';
const SUMMARY = 'flagd raised its flag';

const xops = (kind: string, name: string, spec: Record<string, unknown>) => ({ apiVersion: 'xops.dev/v1', kind, metadata: { name }, spec });

/** ada is always on call for team peer; its alerts page her after a 1 s group_wait, and again 30 min later unless acknowledged. */
const documents = (receiverUrl: string) => [
  xops('Team', 'peer', { timeZone: 'UTC', members: [{ name: 'ada', displayName: 'Ada Achterberg', email: 'ada@example.com', contactMethods: [{ type: 'webhook', address: `${receiverUrl}/page/ada` }] }] }),
  xops('Schedule', 'peer-primary', { team: 'peer', timeZone: 'UTC', layers: [{ name: 'always', users: ['ada'], rotation: 'daily', start: '2026-01-05T00:00' }] }),
  xops('EscalationPolicy', 'peer', { team: 'peer', repeat: 1, levels: [{ escalateAfter: '30m', targets: [{ schedule: 'peer-primary' }] }] }),
  xops('Route', 'peer', { matchers: ['team="peer"'], groupBy: ['alertname'], groupWait: '1s', groupInterval: '1s', target: { escalationPolicy: 'peer' } }),
].map((object) => ({ object }));

// Prometheus: scrape the test's gauge and evaluate the rule every second, alerts to Alertmanager.
const prometheusConfig = (options: { target: string; alertmanager: string; rules: string }) => [
  'global: { scrape_interval: 1s, scrape_timeout: 1s, evaluation_interval: 1s }',
  `rule_files: ["${options.rules}"]`,
  'alerting:',
  `  alertmanagers: [{ static_configs: [{ targets: ["${options.alertmanager}"] }] }]`,
  'scrape_configs:',
  `  - { job_name: flagd, static_configs: [{ targets: ["${options.target}"] }] }`,
].join('\n');

const RULES = [
  'groups:',
  '  - name: flagd',
  '    rules:',
  '      - alert: FlagRaised',
  '        expr: xops_peer_flag == 1',
  '        for: 0s',
  '        labels: { severity: critical, team: peer, service: flagd }',
  `        annotations: { summary: "${SUMMARY}" }`,
].join('\n');

// Alertmanager: everything to xops' webhook with an ingest:alertmanager token, told after 1 s, resolves too.
const alertmanagerConfig = (options: { url: string; token: string }) => [
  'route: { receiver: xops, group_by: [alertname], group_wait: 1s, group_interval: 1s, repeat_interval: 1h }',
  'receivers:',
  '  - name: xops',
  '    webhook_configs:',
  `      - url: "${options.url}"`,
  '        send_resolved: true',
  `        http_config: { authorization: { credentials: "${options.token}" } }`,
].join('\n');

describe.runIf(present || peersRequired)('a real Prometheus rule through a real Alertmanager to xops', () => {
  let dir: string | undefined;
  let target: Server | undefined;
  let receiver: HttpReceiver | undefined;
  let database: TestStore | undefined;
  let server: RunningServer | undefined;
  const peers: PeerProcess[] = [];
  afterAll(async () => {
    await Promise.all(peers.map((peer) => peer.stop()));
    await server?.close();
    await database?.cleanup();
    await receiver?.close();
    target?.closeAllConnections();
    await new Promise((resolve) => target?.close(resolve) ?? resolve(undefined));
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('opens the incident, pages the on-call person through a signed webhook, and resolves it when the rule stops firing', async () => {
    const startedAt = Date.now();
    // The scrape target: one gauge the test raises and lowers.
    let flag = 1;
    target = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(`# TYPE xops_peer_flag gauge\nxops_peer_flag ${flag}\n`);
    });
    await new Promise<void>((resolve) => target!.listen(0, '127.0.0.1', resolve));
    const targetAddress = `127.0.0.1:${(target.address() as AddressInfo).port}`;
    receiver = await startHttpReceiver();

    // xops, on its embedded SQLite database, with the on-call and routing applied through its API.
    database = await openTestStore('sqlite');
    const admin = await bootstrapAdminToken(database.store);
    if (admin === undefined) throw new Error('a fresh store should get an admin token');
    const token = await ingestToken(database.store, 'alertmanager-peer', ['ingest:alertmanager']);
    server = await startServer({
      port: 0, dataDir: database.options.dataDir, version: '0.0.0-peer', handleSignals: false,
      logger: pino({ name: 'xops', level: 'warn' }, pino.destination(2)), output: { write: () => true },
      notifications: { webhookSecret: SECRET },
    });
    const xopsUrl = server.url;
    const get = async <T>(path: string): Promise<T> => {
      const response = await fetch(`${xopsUrl}${path}`, { headers: { authorization: `Bearer ${admin}` } });
      const text = await response.text();
      expect(response.status, `${path}: ${text}`).toBe(200);
      return JSON.parse(text) as T;
    };
    const applied = await fetch(`${xopsUrl}/api/v1/apply`, {
      method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ documents: documents(receiver.url) }),
    });
    expect(applied.status, await applied.text()).toBe(200);

    dir = await mkdtemp(join(tmpdir(), 'xops-alertmanager-'));
    await writeFile(join(dir, 'alertmanager.yml'), alertmanagerConfig({ url: `${xopsUrl}/api/v1/integrations/alertmanager`, token }));
    await writeFile(join(dir, 'rules.yml'), RULES);
    const dataDir = dir;
    const alertmanager = await startPeerProcess({
      name: 'Alertmanager', binary: ALERTMANAGER,
      args: (address) => [
        `--config.file=${join(dataDir, 'alertmanager.yml')}`, `--storage.path=${join(dataDir, 'alertmanager')}`,
        `--web.listen-address=${address}`, '--cluster.listen-address=', '--log.level=warn',
      ],
    });
    peers.push(alertmanager);
    await writeFile(join(dir, 'prometheus.yml'), prometheusConfig({ target: targetAddress, alertmanager: alertmanager.address, rules: join(dir, 'rules.yml') }));
    const prometheus = await startPeerProcess({
      name: 'Prometheus', binary: PROMETHEUS,
      args: (address) => [
        `--config.file=${join(dataDir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dataDir, 'prometheus')}`,
        `--web.listen-address=${address}`, '--log.level=warn',
      ],
    });
    peers.push(prometheus);
    const logs = () => `Prometheus:\n${prometheus.logs().slice(-2000)}\nAlertmanager:\n${alertmanager.logs().slice(-2000)}`;
    const peersReadyAt = Date.now();

    // The rule fires: Prometheus → Alertmanager → xops, whose route pages ada after its group_wait.
    const [opened] = await waitFor('the incident to open', 30_000, async () => {
      const incidents = await get<IncidentBody[]>('/api/v1/incidents');
      return incidents.length > 0 ? incidents : undefined;
    }, { logs });
    const openedAt = Date.now();
    const labels = { alertname: 'FlagRaised', instance: targetAddress, job: 'flagd', severity: 'critical', team: 'peer', service: 'flagd' };
    const [alert] = await get<IncomingAlertBody[]>('/api/v1/alerts/incoming');
    expect(alert).toMatchObject({
      source: 'alertmanager', fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/), labels, summary: SUMMARY, severity: 'critical', status: 'firing',
      route: 'peer{team="peer"}', groupKey: 'peer{team="peer"}:{alertname="FlagRaised"}', outcome: 'paged', target: 'escalation-policy/peer',
      incident: { id: opened?.id, number: 1 },
      annotations: {
        summary: SUMMARY, alertmanager_receiver: 'xops', alertmanager_group_key: '{}:{alertname="FlagRaised"}',
        alertmanager_url: expect.stringMatching(/^http:\/\//), generator_url: expect.stringContaining('xops_peer_flag'),
      },
    });
    expect(alert?.dedupKey).toBe(alert?.fingerprint);
    expect(opened).toMatchObject({ number: 1, title: SUMMARY, state: 'triggered', severity: 'SEV2', services: ['flagd'], escalationPolicy: 'peer' });
    const firing = await get<IncidentDetailsBody>('/api/v1/incidents/1');
    expect(firing.timeline.map((event) => [event.kind, event.actor, event.text])).toEqual([
      ['opened', 'xops', `#1 opened: ${SUMMARY}`],
      ['alert', 'alertmanager', `Alert: ${SUMMARY}`],
      ['escalation', 'xops', 'Escalation policy "peer" started'],
      ['page', 'xops', `Paged ada (level 1) by webhook ${receiver.url}/page/ada`],
    ]);
    expect(firing.timeline[1]?.details).toEqual({ fingerprint: alert?.fingerprint, labels });

    // The page reaches the test's receiver: signed, with the key of what it is.
    const key = `incident:${opened?.id}:level:1:round:0:ada:webhook`;
    const page = await waitFor('the page to reach the receiver', 15_000, async () => receiver!.requests.find((request) => request.path === '/page/ada'), { logs });
    const pagedAt = Date.now();
    expect(page.headers).toMatchObject({
      'content-type': 'application/json',
      'x-xops-signature': `sha256=${createHmac('sha256', SECRET).update(page.body).digest('hex')}`,
      'x-xops-idempotency-key': key,
    });
    const body = JSON.parse(page.body) as WebhookNotification;
    expect(body).toMatchObject({
      version: '1', idempotencyKey: key, recipient: 'ada', severity: 'SEV2', urgency: 'high',
      incident: { id: opened?.id, number: 1, url: `${xopsUrl}/incidents/1` },
      links: { ack: expect.stringContaining(`/api/v1/incidents/${opened?.id}/ack/signed?exp=`), resolve: expect.stringContaining(`/api/v1/incidents/${opened?.id}/resolve/signed?exp=`) },
    });
    expect(Number(page.headers['x-xops-timestamp'])).toBe(Math.floor(Date.parse(body.sentAt) / 1000));

    // The gauge drops: the rule resolves, Alertmanager tells xops, and the incident resolves with its alert.
    flag = 0;
    const loweredAt = Date.now();
    const resolved = await waitFor('the incident to resolve', 30_000, async () => {
      const details = await get<IncidentDetailsBody>('/api/v1/incidents/1');
      return details.state === 'resolved' ? details : undefined;
    }, { logs });
    const resolvedAt = Date.now();
    expect(resolved.timeline.map((event) => [event.kind, event.actor, event.text]).slice(4)).toEqual([
      ['alert-resolved', 'alertmanager', `Resolved: ${SUMMARY}`],
      ['state', 'xops', 'Resolved'],
      ['escalation', 'xops', 'Escalation stopped: every alert of the incident resolved'],
    ]);
    expect(resolved.escalation).toMatchObject({ policy: 'peer', status: 'stopped', nextAt: null });
    const [ended] = await get<IncomingAlertBody[]>('/api/v1/alerts/incoming');
    expect(ended).toMatchObject({ fingerprint: alert?.fingerprint, status: 'resolved', endsAt: expect.any(String), incident: { id: opened?.id } });

    // ada was paged once, and the outbox holds that one page, delivered.
    expect(receiver.requests.filter((request) => request.path === '/page/ada')).toHaveLength(1);
    const outbox = await get<NotificationBody[]>('/api/v1/notifications');
    expect(outbox.map((row) => [row.idempotencyKey, row.status, row.attempts])).toEqual([[key, 'delivered', 1]]);
    // Alertmanager took both of xops' answers as successes: the firing and the resolved notification.
    const webhookCount = (metrics: string, name: string) => [...metrics.matchAll(new RegExp(`^${name}\\{[^}]*integration="webhook"[^}]*\\} (\\d+)$`, 'gm'))]
      .reduce((sum, match) => sum + Number(match[1]), 0);
    const metrics = await waitFor('Alertmanager to count both notifications', 5000, async () => {
      const text = await (await fetch(`http://${alertmanager.address}/metrics`)).text();
      return webhookCount(text, 'alertmanager_notifications_total') >= 2 ? text : undefined;
    }, { logs });
    expect(webhookCount(metrics, 'alertmanager_notifications_failed_total')).toBe(0);
    process.stderr.write(`alertmanager peer: peers ready ${peersReadyAt - startedAt} ms after the start; rule firing → incident ${openedAt - peersReadyAt} ms, `
      + `→ page received ${pagedAt - peersReadyAt} ms; gauge lowered → incident resolved ${resolvedAt - loweredAt} ms; ${Date.now() - startedAt} ms in all\n`);
  }, 90_000);
});
