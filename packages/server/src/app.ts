import { KINDS } from '@xops/contracts';
import type { XopsStore } from '@xops/store';
import Fastify, { type FastifyBaseLogger, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { createAlertPipeline, type AlertPipeline } from './alerts/alert-pipeline';
import { registerIncomingAlertRoutes } from './alerts/incoming-alert-routes';
import { registerSilenceRoutes } from './alerts/silence-routes';
import { registerAuditRoutes } from './audit/audit-routes';
import { registerDashboardRoutes } from './dashboard/dashboard-routes';
import { webDistDir } from './dashboard/web-dist-dir';
import { installAuthentication } from './auth/authenticate';
import { registerTokenRoutes } from './auth/token-routes';
import { DEFAULT_BODY_LIMIT } from './http/body-limits';
import { frameworkErrorHandler, installErrorHandlers } from './http/error-handlers';
import { installInputGuard } from './http/input-guard';
import { zodValidatorCompiler } from './http/validator-compiler';
import type { ZodApp } from './http/zod-app';
import { registerIngestRoutes } from './ingest/ingest-routes';
import { registerAlertmanagerRoutes } from './integrations/alertmanager/alertmanager-routes';
import { registerGenericAlertRoutes } from './integrations/generic/generic-alert-routes';
import { registerPagerdutyRoutes } from './integrations/pagerduty/pagerduty-routes';
import { registerBundleRoutes } from './objects/bundle-routes';
import { registerKindRoutes } from './objects/kind-routes';
import { registerUnknownKindRoutes } from './objects/unknown-kind-routes';
import { registerOncallRoutes } from './oncall/oncall-routes';
import { registerScheduleRoutes } from './oncall/schedule-routes';
import { registerOpenApi, registerOpenApiRoute } from './openapi/openapi';
import { registerHealthRoutes } from './ops/health-routes';
import { registerIncidentActionRoutes } from './incidents/incident-action-routes';
import { registerIncidentReportRoutes } from './incidents/incident-report-routes';
import { registerIncidentRoutes } from './incidents/incident-routes';
import { registerSignedLinkRoutes } from './incidents/signed-link-routes';
import { registerActionItemRoutes } from './postmortems/action-item-routes';
import { registerPostmortemRoutes } from './postmortems/postmortem-routes';
import { registerNotificationRoutes } from './notifications/notification-routes';
import { registerMetrics } from './ops/metrics';
import { systemClock, type Clock } from './clock/clock';
import { registerRouteTestRoutes } from './routing/route-test-routes';
import { registerAlertRoutes } from './slo/alert-routes';
import { registerReplayRoutes } from './slo/replay-routes';
import type { SloEvaluator } from './slo/slo-evaluator';
import { registerSloRoutes } from './slo/slo-routes';
import { registerStatusPageRoutes } from './status-page/status-page-routes';
import type { DemoFleet } from './demo/demo-fleet';
import { registerDemoRoutes } from './demo/demo-routes';
import { registerSignalRoutes } from './telemetry/golden-signals/signal-routes';
import { registerOtlpRoutes } from './telemetry/otlp/otlp-routes';
import { registerBackfillRoutes } from './telemetry/promql/backfill-routes';
import type { PromqlPoller } from './telemetry/promql/promql-poller';
import { registerRemoteWriteRoutes } from './telemetry/remote-write/remote-write-routes';
import type { TelemetrySink } from './telemetry/sample-sink';
import type { Scraper } from './telemetry/scrape/scraper';
import { registerTargetRoutes } from './telemetry/scrape/target-routes';

export interface CreateAppOptions {
  readonly store: XopsStore;
  /** The xops version, shown in the OpenAPI document and `xops_build_info`. */
  readonly version: string;
  /** Fastify's pino logger: `true` for JSON logs on stdout, options to tune them; off by default (tests). */
  readonly logger?: FastifyServerOptions['logger'];
  /** A logger made elsewhere (main.ts shares one with the store); wins over `logger`. */
  readonly loggerInstance?: FastifyBaseLogger;
  /** The SLO evaluation loop whose latest statuses `/slos/{name}/status` and `/metrics` show; without it, status answers 503. */
  readonly evaluator?: SloEvaluator;
  /** What "now" is for series defaults and relative times (`now-1h`); the system clock by default. */
  readonly clock?: Clock;
  /** Telemetry in: the sample sink (its problems show at `/api/v1/targets`) and the scrape loop; without them, no targets. */
  readonly telemetry?: { readonly sink: TelemetrySink; readonly scraper?: Scraper; readonly promql?: PromqlPoller };
  /** The simulated fleet of `xops demo`, whose faults `/api/v1/demo/faults` injects; absent otherwise. */
  readonly demo?: DemoFleet;
  /** The built dashboard served at `/`; `packages/web/dist` by default (tests give their own). */
  readonly webRoot?: string;
  /** Where the alert sources hand their alerts (ADR 0013); one on `store` and `clock` by default. */
  readonly alerts?: AlertPipeline;
}

/**
 * Builds the HTTP API on `store`, ready for `app.inject()` in tests or `app.listen()` in
 * `main.ts`; it does not listen by itself.
 *
 * @example const app = await createApp({ store, version: '0.1.0' });
 *          const res = await app.inject({ url: '/healthz' });
 */
export async function createApp(options: CreateAppOptions): Promise<ZodApp> {
  const { store, version, evaluator } = options;
  const clock = options.clock ?? systemClock;
  const app = Fastify({
    ...(options.loggerInstance ? { loggerInstance: options.loggerInstance } : { logger: options.logger ?? false }),
    bodyLimit: DEFAULT_BODY_LIMIT,
    // Object names in URLs may be as long as a DNS name (253); the default stops at 100.
    routerOptions: { maxParamLength: 1000 },
    frameworkErrors: frameworkErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // The API speaks JSON only: anything else, text/plain included, gets 415.
  app.removeContentTypeParser('text/plain');
  installErrorHandlers(app);
  installInputGuard(app);
  installAuthentication(app, { store });
  // First: @fastify/swagger only sees the routes registered after it.
  await registerOpenApi(app, { version });
  const alerts = options.alerts ?? createAlertPipeline({ store, clock, logger: app.log });
  registerMetrics(app, { store, version, evaluator, alerts });

  registerHealthRoutes(app, { store });
  registerTokenRoutes(app, { store });
  registerAuditRoutes(app, { store });
  for (const info of KINDS) registerKindRoutes(app, { store, info });
  registerSloRoutes(app, { store, clock, evaluator });
  registerStatusPageRoutes(app, { store, clock, evaluator });
  registerReplayRoutes(app, { store, clock });
  registerBackfillRoutes(app, { store, clock });
  registerAlertRoutes(app, { store });
  registerIncomingAlertRoutes(app, { store, clock });
  registerSilenceRoutes(app, { store, clock });
  registerAlertmanagerRoutes(app, { pipeline: alerts, clock });
  registerPagerdutyRoutes(app, { store, pipeline: alerts, clock });
  registerGenericAlertRoutes(app, { pipeline: alerts, clock });
  registerNotificationRoutes(app, { store });
  registerScheduleRoutes(app, { store, clock });
  registerOncallRoutes(app, { store, clock });
  registerRouteTestRoutes(app, { store, clock });
  registerIncidentRoutes(app, { store, clock });
  registerIncidentActionRoutes(app, { store, clock });
  registerSignedLinkRoutes(app, { store, clock });
  registerIncidentReportRoutes(app, { store, clock });
  registerPostmortemRoutes(app, { store, clock });
  registerActionItemRoutes(app, { store, clock });
  registerBundleRoutes(app, { store });
  registerIngestRoutes(app, { store });
  registerTargetRoutes(app, { scraper: options.telemetry?.scraper, sink: options.telemetry?.sink, promql: options.telemetry?.promql });
  registerOtlpRoutes(app, { sink: options.telemetry?.sink });
  registerSignalRoutes(app, { store, clock });
  if (options.demo) registerDemoRoutes(app, { fleet: options.demo, clock });
  registerRemoteWriteRoutes(app, { sink: options.telemetry?.sink });
  registerUnknownKindRoutes(app);
  await registerDashboardRoutes(app, { root: options.webRoot ?? webDistDir() });
  registerOpenApiRoute(app);
  return app;
}
