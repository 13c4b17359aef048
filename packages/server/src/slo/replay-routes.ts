import { compileSloDefinition, replayRequestSchema, replayResultSchema, type ConfigObject, type ReplayResultBody } from '@xops/contracts';
import { FINE_BUCKET_MS, type SloDefinition } from '@xops/core';
import type { XopsStore } from '@xops/store';
import type { Clock } from '../clock/clock';
import { errorResponses } from '../http/error-envelope';
import { XopsError } from '../http/xops-error';
import type { ZodApp } from '../http/zod-app';
import { checkBundle } from '../objects/check-bundle';
import { configInvalidError } from '../objects/config-invalid-error';
import { toAlertTransitionBody } from './alert-bodies';
import { replayFromStore, sloObjectLookup, storedSloDefinition, toSeriesBody } from './replay-from-store';
import { seriesRange } from './series-range';

/** Compiles an SLO document sent with a replay, against the stored objects it refers to: 422 with every problem otherwise. */
async function documentDefinition(store: XopsStore, slo: string, document: unknown): Promise<SloDefinition> {
  const checked = await checkBundle(store, [{ object: document }]);
  if (!checked.ok) throw configInvalidError(checked.problems);
  const object: ConfigObject | undefined = checked.writes[0]?.object;
  if (object?.kind !== 'SLO' || object.metadata.name !== slo) {
    throw configInvalidError([{ index: 0, path: object?.kind === 'SLO' ? ['metadata', 'name'] : ['kind'], message: `the document must be the SLO \`${slo}\` that \`slo\` names, not ${object?.kind ?? 'nothing'} \`${object?.metadata.name ?? ''}\`` }]);
  }
  const compiled = compileSloDefinition(object, await sloObjectLookup(store));
  if (!compiled.ok) throw configInvalidError([{ index: 0, path: [], message: compiled.error }]);
  return compiled.value;
}

/**
 * `POST /api/v1/replay` (editor): runs the engine over stored history with simulated time, as the
 * live loop would have (an evaluation every 10 s), for the stored SLO or a `document` not yet
 * applied, and answers per objective the SLI, budget and burn rates every `step` and every alert
 * transition with its time. "What would this alert policy have done last month?"
 */
export function registerReplayRoutes(app: ZodApp, deps: { store: XopsStore; clock: Clock }): void {
  const { store, clock } = deps;
  app.post('/api/v1/replay', {
    config: { access: 'editor' },
    schema: {
      operationId: 'replaySlo', tags: ['SLO'],
      summary: 'Replay an SLO (stored, or a document to try) over stored history: budget and burn rates over time, and every alert transition.',
      body: replayRequestSchema(() => clock.now()),
      response: { 200: replayResultSchema, ...errorResponses(401, 403, 404, 409, 413, 415, 422) },
    },
  }, async (request) => {
    const { slo, from, to, step, document } = request.body;
    const source: ReplayResultBody['source'] = document === undefined ? 'stored' : 'document';
    const definition = document === undefined ? await storedSloDefinition(store, slo) : await documentDefinition(store, slo, document);
    const range = seriesRange(from, to, step);
    const options = { from: range.from, to: range.to, stepMs: FINE_BUCKET_MS, pointEveryMs: range.stepMs };
    const replay = await replayFromStore(store, definition, options);
    if (!replay.ok) throw new XopsError('XOPS_ERR_CONFLICT', `SLO "${slo}": ${replay.error}`);
    return {
      ...toSeriesBody(slo, replay.value, options),
      source,
      transitions: replay.value.transitions.map(toAlertTransitionBody),
    };
  });
}
