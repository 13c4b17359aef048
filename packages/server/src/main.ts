import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { openStore, type ObjectWrite } from '@xops/store';
import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import { createApp } from './app';
import { formatAdminTokenNotice } from './auth/admin-token-notice';
import { bootstrapAdminToken } from './auth/bootstrap-admin-token';
import { generateTokenSecret, hashTokenSecret } from './auth/token-secret';
import type { DemoFleet } from './demo/demo-fleet';
import { backfillDemoHistory } from './demo/demo-history';
import { systemClock } from './clock/clock';
import { createSloEvaluator } from './slo/slo-evaluator';
import { createTelemetrySink } from './telemetry/sample-sink';
import { createPromqlPoller } from './telemetry/promql/promql-poller';
import { createScraper } from './telemetry/scrape/scraper';
import { createEscalationLoop } from './incidents/escalation-loop';
import { createNotificationDelivery, loadNotificationKeys } from './notifications/notification-delivery';
import { notificationSettingsFromEnv, type NotificationSettings } from './notifications/notification-settings';
import type { Notifier } from './notifications/notifier';
import { createAlertGroupsLoop } from './alerts/alert-groups-loop';
import { createAlertPipeline } from './alerts/alert-pipeline';
import { createSloAlertSource } from './alerts/slo-alert-source';

export interface StartServerOptions {
  readonly port: number;
  /** The address to bind; loopback by default, `0.0.0.0` to accept other machines. */
  readonly host?: string;
  /** Where the embedded SQLite database lives. */
  readonly dataDir: string;
  /** A postgres:// URL to use PostgreSQL instead of SQLite. */
  readonly databaseUrl?: string;
  readonly version: string;
  /** Called once the server listens. */
  readonly onReady?: (server: { readonly url: string }) => void;
  /** JSON logs; pino on stdout at level info by default. */
  readonly logger?: FastifyBaseLogger;
  /** Where the first admin token is printed; stdout by default. */
  readonly output?: { write(text: string): unknown };
  /** Close gracefully on SIGINT and SIGTERM (default true); a second signal kills at once. */
  readonly handleSignals?: boolean;
  /** Time between SLO evaluations, in ms; 10 000 by default. */
  readonly evaluationIntervalMs?: number;
  /** Public URL, webhook secrets and SMTP for notifications; read from `XOPS_PUBLIC_URL`, `XOPS_WEBHOOK_SECRET(S)`, `XOPS_SMTP_URL` and `XOPS_SMTP_FROM` by default. */
  readonly notifications?: NotificationSettings;
  /**
   * How long one notification send may take and how long a claimed notification waits before
   * another delivery pass sends it again (a sender killed mid-send); 10 s and 60 s by default.
   */
  readonly notificationTimings?: { readonly timeoutMs?: number; readonly claimMs?: number };
  /**
   * `xops demo`: the simulated fleet (its fault routes are served), the documents applied at start
   * (as actor `demo`), and an admin token printed on every start, a new one when the store has tokens.
   */
  readonly demo?: { readonly fleet: DemoFleet; readonly documents: readonly ObjectWrite[] };
}

export interface RunningServer {
  /** e.g. `http://127.0.0.1:7070`. */
  readonly url: string;
  /** Stops accepting, finishes in-flight requests, then closes the store. Idempotent. */
  close(): Promise<void>;
  /** Settles when the server has closed, by `close()` or by a signal. */
  readonly closed: Promise<void>;
  /** This replica's name in the lease table: `hostname:pid:random`. */
  readonly holder: string;
}

/**
 * The composition root: the one place that wires the real store, clock, logger, HTTP server
 * and SLO evaluation loop. Opens the store (migrating it), creates and prints the first admin
 * token on an empty store, listens, then starts evaluating SLOs under the evaluation lease.
 *
 * @example const server = await startServer({ port: 7070, dataDir: '.xops', version: '0.1.0' });
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const log = options.logger ?? pino({ name: 'xops' });
  const store = await openStore({ databaseUrl: options.databaseUrl, dataDir: options.dataDir, logger: log });
  // Unique per process, and readable in the lease table: which machine, which process.
  const holder = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const evaluator = createSloEvaluator({
    store, clock: systemClock, logger: log, holder, intervalMs: options.evaluationIntervalMs ?? 10_000,
  });
  // Telemetry in: every path hands samples to the sink; the scrape loop runs under its own lease.
  const sink = createTelemetrySink({ store, clock: systemClock, logger: log });
  const scraper = createScraper({ store, sink, clock: systemClock, logger: log, holder });
  // PromQL DataSources are queried for the newest buckets under a lease of their own.
  const promql = createPromqlPoller({ store, clock: systemClock, logger: log, holder });
  // Pages the due levels of open incidents' escalation policies under the `escalations` lease (ADR 0013).
  const escalations = createEscalationLoop({ store, clock: systemClock, logger: log, holder });
  // Alerts in (ADR 0013): one pipeline for every source; group timers under the `alert-groups`
  // lease, and the SLO engine's transitions fed in under the `slo-alerts` lease.
  const alerts = createAlertPipeline({ store, clock: systemClock, logger: log });
  const alertGroups = createAlertGroupsLoop({ store, pipeline: alerts, clock: systemClock, logger: log, holder });
  const sloAlerts = createSloAlertSource({ store, pipeline: alerts, clock: systemClock, logger: log, holder, definition: (slo) => evaluator.definition(slo) });
  let url: string;
  let app: Awaited<ReturnType<typeof createApp>>;
  let notifier: Notifier | undefined;
  try {
    // Before listening: were listen to fail (port taken), the token must already have been shown,
    // or nobody could ever see it.
    const adminToken = await bootstrapAdminToken(store);
    let shownToken = adminToken;
    if (options.demo) {
      await store.applyObjects(options.demo.documents, 'demo');
      // Before the evaluator's first tick, which reads the SLO series whole: windows start with a day of history.
      await backfillDemoHistory({ store, seed: options.demo.fleet.seed, now: systemClock.now() });
      if (!shownToken) {
        shownToken = generateTokenSecret();
        await store.insertToken({ name: `demo-${randomBytes(4).toString('hex')}`, role: 'admin', hash: hashTokenSecret(shownToken), createdBy: 'demo' });
      }
    }
    if (shownToken) (options.output ?? process.stdout).write(formatAdminTokenNotice(shownToken));
    const notificationSettings = options.notifications ?? notificationSettingsFromEnv(process.env);
    const notificationKeys = await loadNotificationKeys(store, notificationSettings);
    app = await createApp({ store, version: options.version, loggerInstance: log, evaluator, clock: systemClock, telemetry: { sink, scraper }, demo: options.demo?.fleet, alerts });
    url = await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
    // The outbox's delivery loop (DESIGN.md §5), under the `notifications` lease.
    notifier = createNotificationDelivery({
      store, clock: systemClock, logger: log, holder, settings: notificationSettings, keys: notificationKeys, listenUrl: url,
      timings: options.notificationTimings,
      // A page whose delivery keeps failing moves its escalation to the next level at once (ADR 0013).
      onGiveUp: async (notification) => { await escalations.deliveryGaveUp(notification.idempotencyKey); },
    });
    if (options.demo) {
      // The fleet's OTLP services push with an ingest token of their own (ADR 0010), which can
      // send metrics and do nothing else; a new one each start, as the secret is not kept.
      const fleetToken = generateTokenSecret();
      await store.insertToken({
        name: `demo-fleet-${randomBytes(4).toString('hex')}`, scopes: ['ingest:metrics'], hash: hashTokenSecret(fleetToken), createdBy: 'demo',
      });
      options.demo.fleet.pushTo({
        url: new URL('/v1/metrics', url).href,
        token: fleetToken,
        onError: (service, error) => log.warn({ service, err: error }, 'a demo service cannot push OTLP; it will try again'),
      });
    }
  } catch (error) {
    await store.close();
    throw error;
  }

  let settle!: { resolve: () => void; reject: (error: unknown) => void };
  const closed = new Promise<void>((resolve, reject) => { settle = { resolve, reject }; });
  // Nobody has to await `closed`: a failed close is logged, and rejects `close()` for its caller.
  closed.catch(() => undefined);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
      try {
        // First, so that a standby takes the lease over at once rather than after its TTL. A
        // lease that cannot be released expires by itself: that is no reason to stop closing.
        await evaluator.close().catch((error: unknown) => log.warn({ err: error }, 'cannot release the SLO evaluation lease'));
        await scraper.close().catch((error: unknown) => log.warn({ err: error }, 'cannot release the scrape lease'));
        await promql.close().catch((error: unknown) => log.warn({ err: error }, 'cannot release the PromQL poll lease'));
        await escalations.close().catch((error: unknown) => log.warn({ err: error }, 'cannot release the escalations lease'));
        await sloAlerts.close().catch((error: unknown) => log.warn({ err: error }, 'cannot release the SLO alerts lease'));
        await alertGroups.close().catch((error: unknown) => log.warn({ err: error }, 'cannot release the alert groups lease'));
        // Sends in flight finish and record their outcome while the store is open.
        await notifier?.close().catch((error: unknown) => log.warn({ err: error }, 'cannot release the notifications lease'));
        // Stops accepting and waits for in-flight requests, which still need the store.
        await app.close();
        // Held buckets are written while the store is still open.
        await sink.close();
      } finally {
        await store.close();
      }
    })();
    closing.then(settle.resolve, settle.reject);
    return closing;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    log.info({ signal }, 'shutting down');
    close().catch((error: unknown) => {
      log.error({ err: error }, 'shutdown failed');
      process.exitCode = 1;
    });
  };
  if (options.handleSignals ?? true) process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  evaluator.start();
  sink.start();
  scraper.start();
  promql.start();
  escalations.start();
  alertGroups.start();
  sloAlerts.start();
  notifier?.start();
  log.info({ url, engine: store.engine, holder }, 'xops is ready');
  options.onReady?.({ url });
  return { url, close, closed, holder };
}
