import { backfillRequestSchema, backfillResultSchema, isoInstant, prometheusRulesSchema } from '@xops/contracts';
import { FINE_BUCKET_MS } from '@xops/core';
import type { XopsStore } from '@xops/store';
import { z } from 'zod';
import type { Clock } from '../../clock/clock';
import { errorResponses } from '../../http/error-envelope';
import { XopsError } from '../../http/xops-error';
import type { ZodApp } from '../../http/zod-app';
import { compileStoredSlos } from '../../slo/compiled-slos';
import { storedSloDefinition } from '../../slo/replay-from-store';
import { backfillSeries, promqlSeriesPlans } from './promql-backfill';
import { prometheusRuleGroups } from './prometheus-rules';

/** One call fills at most this much history; the CLI sends longer ranges in pieces (and shows progress). */
const MAX_RANGE_MS = 31 * 24 * 3600 * 1000;

/**
 * `POST /api/v1/slos/{name}/backfill` (editor): fills the SLO's SLI buckets over `[from, to)` from
 * the PromQL DataSources its indicators read (docs/adr/0008), replacing what was there, so a new
 * SLO has budget history and replay works on it. 409 when the SLO reads no PromQL source, 502
 * `XOPS_ERR_UPSTREAM` with the reason when a source is down or refuses.
 */
export function registerBackfillRoutes(app: ZodApp, deps: { store: XopsStore; clock: Clock }): void {
  const { store, clock } = deps;
  const storedObjects = async () => (await Promise.all(['DataSource', 'SLI', 'SLO', 'AlertPolicy', 'AlertCondition'].map((kind) => store.listObjects(kind)))).flat();
  app.post('/api/v1/slos/:name/backfill', {
    config: { access: 'editor' },
    schema: {
      operationId: 'backfillSlo', tags: ['SLO'],
      summary: 'Fill past SLI buckets of an SLO from its Prometheus (PromQL) data sources.',
      params: z.object({ name: z.string().min(1).max(253) }),
      body: backfillRequestSchema(() => clock.now()),
      response: { 200: backfillResultSchema, ...errorResponses(401, 403, 404, 409, 415, 502) },
    },
  }, async (request) => {
    const { name } = request.params;
    const now = clock.now();
    const from = request.body.from;
    // Only whole buckets that have ended: the one in progress is the poller's.
    const to = Math.min(request.body.to ?? now, Math.floor(now / FINE_BUCKET_MS) * FINE_BUCKET_MS);
    if (!(from < to)) throw new XopsError('XOPS_ERR_VALIDATION', '`from` must be before `to` (and before now).');
    if (to - from > MAX_RANGE_MS) throw new XopsError('XOPS_ERR_VALIDATION', 'fill at most 31 days per call; send longer ranges in pieces (the CLI does).');
    const definition = await storedSloDefinition(store, name);
    const keys = new Set(definition.objectives.map((objective) => objective.seriesKey));
    const { plans, sources } = promqlSeriesPlans(await storedObjects());
    const mine = plans.filter((plan) => keys.has(plan.seriesKey));
    if (mine.length === 0) throw new XopsError('XOPS_ERR_CONFLICT', `SLO "${name}" reads no Prometheus DataSource: backfill needs SLIs whose metrics name one with metricSourceRef and give a selector (docs/adr/0008).`);
    const filled = await backfillSeries({ store, sources, plans: mine, fromMs: from, toMs: to });
    if (!filled.ok) throw new XopsError('XOPS_ERR_UPSTREAM', filled.error, filled.dataSource === undefined ? undefined : { dataSource: filled.dataSource });
    return { slo: name, from: isoInstant(filled.fromMs), to: isoInstant(filled.toMs), series: mine.map((plan) => plan.seriesKey), buckets: filled.buckets };
  });

  /**
   * `GET /api/v1/prometheus-rules?slo=` (viewer): Sloth-style recording and multiwindow burn-rate
   * alerting rules for the PromQL-backed SLOs (`prometheusRuleGroups`), for teams that want
   * Prometheus itself to evaluate them. 404 for an unknown `slo`, 409 when it reads no PromQL source.
   */
  app.get('/api/v1/prometheus-rules', {
    config: { access: 'viewer' },
    schema: {
      operationId: 'getPrometheusRules', tags: ['SLO'],
      summary: 'Prometheus recording and burn-rate alerting rules for the SLOs read from Prometheus data sources.',
      querystring: z.object({ slo: z.string().min(1).max(253).optional() }),
      response: { 200: prometheusRulesSchema, ...errorResponses(401, 404, 409) },
    },
  }, async (request) => {
    const { slo } = request.query;
    const objects = await storedObjects();
    const definitions = slo === undefined ? compileStoredSlos(objects).definitions : [await storedSloDefinition(store, slo)];
    const groups = prometheusRuleGroups(definitions, promqlSeriesPlans(objects).plans);
    if (slo !== undefined && groups.length === 0) throw new XopsError('XOPS_ERR_CONFLICT', `SLO "${slo}" reads no Prometheus DataSource, so Prometheus cannot evaluate it (docs/adr/0008).`);
    return { groups };
  });
}
