import { KINDS } from '@xops/contracts';
import type { XopsStore } from '@xops/store';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AlertPipeline } from '../alerts/alert-pipeline';
import type { ZodApp } from '../http/zod-app';
import type { SloEvaluator } from '../slo/slo-evaluator';
import { registerSloMetrics } from '../slo/slo-metrics';

/**
 * xops' own metrics at `/metrics` (Prometheus text format, no token): request counts and
 * latencies per route, config objects per kind, the SLOs' SLI, budget, burn rates and firing
 * alerts (with an evaluator), the alert intake's requests and transactions (with a pipeline), and
 * Node's default process metrics. One
 * registry per app, not prom-client's global one, so that several apps in one process (tests,
 * `xops demo`) neither clash nor mix their numbers.
 */
export function registerMetrics(
  app: ZodApp,
  { store, version, evaluator, alerts }: { store: XopsStore; version: string; evaluator?: SloEvaluator; alerts?: AlertPipeline },
): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  if (evaluator) registerSloMetrics(registry, evaluator);
  if (alerts) registerIntakeMetrics(registry, alerts);

  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'xops_http_requests_total', help: 'HTTP requests answered, by route pattern and status.', labelNames, registers: [registry],
  });
  const duration = new Histogram({
    name: 'xops_http_request_duration_seconds', help: 'Time to answer HTTP requests, by route pattern and status.', labelNames,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry],
  });
  new Gauge({ name: 'xops_build_info', help: 'Always 1; the version label says which xops is running.', labelNames: ['version'], registers: [registry] })
    .set({ version }, 1);
  new Gauge({
    name: 'xops_config_objects',
    help: 'Config objects stored, by kind.',
    labelNames: ['kind'],
    registers: [registry],
    async collect() {
      try {
        const counts = new Map<string, number>(KINDS.map((info) => [info.kind, 0]));
        for (const object of await store.listObjects()) counts.set(object.kind, (counts.get(object.kind) ?? 0) + 1);
        for (const [kind, count] of counts) this.set({ kind }, count);
      } catch (error) {
        // A scrape must still show the request metrics when the database is down; /readyz reports that.
        app.log.warn({ err: error }, 'cannot count config objects for /metrics');
      }
    },
  });

  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, never the raw URL: one series per endpoint, whatever clients send.
    const labels = {
      method: request.method,
      route: request.is404 ? 'unmatched' : request.routeOptions.url ?? 'unmatched',
      status: String(reply.statusCode),
    };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
  });

  app.get('/metrics', {
    config: { access: 'public' },
    schema: { operationId: 'metrics', tags: ['operations'], summary: 'Prometheus metrics of this server (text format).', security: [] },
  }, async (_request, reply) => {
    const text = await registry.metrics();
    return reply.type(registry.contentType).send(text);
  });
}

/** The alert intake's counts: requests per transaction is group commit at work (ADR 0013). */
function registerIntakeMetrics(registry: Registry, alerts: AlertPipeline): void {
  const counter = (name: string, help: string, count: (counts: ReturnType<AlertPipeline['intakeCounts']>) => number) => new Counter({
    name, help, registers: [registry],
    collect() {
      this.reset();
      this.inc(count(alerts.intakeCounts()));
    },
  });
  counter('xops_alert_intake_requests_total', 'Requests of alert sources taken in (webhooks, PagerDuty events, generic JSON).', (counts) => counts.requests);
  counter('xops_alert_intake_transactions_total', 'Transactions that took them in: several requests arriving together share one (group commit).', (counts) => counts.transactions);
}
