import {
  instantSchema, sloSeriesSchema, sloStatusListSchema, sloStatusSchema, sloSummaryListSchema, stepSchema, type SloStatusBody, type SloStatusListBody, type SloSummaryBody,
} from '@xops/contracts';
import type { XopsStore } from '@xops/store';
import { z } from 'zod';
import type { Clock } from '../clock/clock';
import { errorResponses } from '../http/error-envelope';
import { XopsError } from '../http/xops-error';
import type { ZodApp } from '../http/zod-app';
import { replayFromStore, storedSloDefinition, toSeriesBody } from './replay-from-store';
import { seriesRange } from './series-range';
import type { SloEvaluator } from './slo-evaluator';
import { toSloStatusBody } from './status-body';
import { sloSummaryHead, toObjectiveSummaryBody } from './summary-body';

const DAY_MS = 86_400_000;

const nameParamsSchema = z.object({ name: z.string().min(1).max(253) });

type Unavailable = SloStatusListBody['unavailable'][number];

/** The status body of `slo` at this evaluator's latest evaluation, or why there is none (a stored SLO assumed). */
function statusOf(evaluator: SloEvaluator, slo: string): { ok: true; body: SloStatusBody } | { ok: false; problem: Unavailable } {
  const status = evaluator.status(slo);
  const definition = evaluator.definition(slo);
  if (status !== undefined && definition !== undefined) return { ok: true, body: toSloStatusBody(status, definition) };
  const error = evaluator.definitionError(slo);
  if (error !== undefined) return { ok: false, problem: { slo, code: 'XOPS_ERR_CONFLICT', message: `${error}; it cannot be evaluated until that is fixed.` } };
  return { ok: false, problem: { slo, code: 'XOPS_ERR_NOT_READY', message: `SLO "${slo}" has not been evaluated yet: ask again after the next evaluation.` } };
}

/**
 * `GET /api/v1/slos/{name}/status` (viewer): the SLO at the latest evaluation of this replica's
 * evaluator; `GET /api/v1/slo-statuses` (viewer): every SLO's, in one answer; `GET
 * /api/v1/slo-summaries` (viewer): every SLO in brief, as the dashboard's overview lists them; `GET
 * /api/v1/slos/{name}/series?from&to&step` (viewer): SLI, remaining budget and burn rates over
 * time, replayed over the stored buckets (`replaySlo`).
 */
export function registerSloRoutes(app: ZodApp, deps: { store: XopsStore; clock: Clock; evaluator?: SloEvaluator }): void {
  const { store, clock, evaluator } = deps;

  app.get('/api/v1/slos/:name/status', {
    config: { access: 'viewer' },
    schema: {
      operationId: 'getSloStatus', tags: ['SLO'],
      summary: 'Where an SLO stands: per objective the SLI, error budget, burn rate per alert window, time to exhaustion and alert states.',
      params: nameParamsSchema,
      response: { 200: sloStatusSchema, ...errorResponses(401, 404, 409, 503) },
    },
  }, async (request) => {
    const { name } = request.params;
    if (evaluator === undefined) throw new XopsError('XOPS_ERR_NOT_READY', 'SLO evaluation does not run on this server.');
    const known = statusOf(evaluator, name);
    if (known.ok) return known.body;
    if (known.problem.code === 'XOPS_ERR_NOT_READY' && await store.getObject('SLO', name) === undefined) {
      throw new XopsError('XOPS_ERR_NOT_FOUND', `SLO "${name}" does not exist.`, { kind: 'SLO', name });
    }
    throw new XopsError(known.problem.code, known.problem.message);
  });

  // Not `/api/v1/slos/status`: that is the path of an SLO named `status`.
  app.get('/api/v1/slo-statuses', {
    config: { access: 'viewer' },
    schema: {
      operationId: 'listSloStatuses', tags: ['SLO'],
      summary: 'Every applied SLO at the latest evaluation, ordered by name, as getSloStatus answers each, and why the others have no status yet: one request for a dashboard of many SLOs.',
      response: { 200: sloStatusListSchema, ...errorResponses(401, 503) },
    },
  }, async () => {
    if (evaluator === undefined) throw new XopsError('XOPS_ERR_NOT_READY', 'SLO evaluation does not run on this server.');
    const body: { statuses: SloStatusBody[]; unavailable: Unavailable[] } = { statuses: [], unavailable: [] };
    for (const { name } of await store.listObjects('SLO')) {
      const known = statusOf(evaluator, name);
      if (known.ok) body.statuses.push(known.body);
      else body.unavailable.push(known.problem);
    }
    return body;
  });

  app.get('/api/v1/slo-summaries', {
    config: { access: 'viewer' },
    schema: {
      operationId: 'listSloSummaries', tags: ['SLO'],
      summary: 'Every applied SLO, ordered by name, in brief: its Service and labels, and per objective the SLI, budget left, fastest burn rate and the alerts pending or firing, or why it has no status yet. What the dashboard\'s overview lists.',
      response: { 200: sloSummaryListSchema, ...errorResponses(401, 503) },
    },
  }, async () => {
    if (evaluator === undefined) throw new XopsError('XOPS_ERR_NOT_READY', 'SLO evaluation does not run on this server.');
    const summaries: SloSummaryBody[] = [];
    for (const object of await store.listObjects('SLO')) {
      const head = sloSummaryHead(object);
      const status = evaluator.status(object.name);
      if (status !== undefined && evaluator.definition(object.name) !== undefined) {
        summaries.push({ ...head, objectives: status.objectives.map(toObjectiveSummaryBody), unavailable: null });
      } else {
        const known = statusOf(evaluator, object.name);
        summaries.push({ ...head, objectives: [], unavailable: known.ok ? null : { code: known.problem.code, message: known.problem.message } });
      }
    }
    return { summaries };
  });

  app.get('/api/v1/slos/:name/series', {
    config: { access: 'viewer' },
    schema: {
      operationId: 'getSloSeries', tags: ['SLO'],
      summary: 'SLI, remaining error budget and burn rates over [from, to] (default: the last day), one point per step (at least 10s, at most 11 000 points).',
      params: nameParamsSchema,
      querystring: z.object({ from: instantSchema(() => clock.now()).optional(), to: instantSchema(() => clock.now()).optional(), step: stepSchema.optional() }),
      response: { 200: sloSeriesSchema, ...errorResponses(401, 404, 409) },
    },
  }, async (request) => {
    const definition = await storedSloDefinition(store, request.params.name);
    const to = request.query.to ?? clock.now();
    const range = seriesRange(request.query.from ?? to - DAY_MS, to, request.query.step);
    const options = { from: range.from, to: range.to, stepMs: range.stepMs, pointEveryMs: range.stepMs };
    const replay = await replayFromStore(store, definition, options);
    if (!replay.ok) throw new XopsError('XOPS_ERR_CONFLICT', `SLO "${definition.name}": ${replay.error}`);
    return toSeriesBody(definition.name, replay.value, options);
  });
}
