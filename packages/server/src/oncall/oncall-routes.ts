import { boundedInstantSchema, isoInstant, onCallSchema, type OnCallEntryBody } from '@xops/contracts';
import type { XopsStore } from '@xops/store';
import { z } from 'zod';
import type { Clock } from '../clock/clock';
import { errorResponses } from '../http/error-envelope';
import type { ZodApp } from '../http/zod-app';
import { onCallAt } from './on-call-at';
import { loadOncallDirectory } from './oncall-directory';
import { directorySchedule } from './schedule-final';

/**
 * `GET /api/v1/oncall?at&schedule` (viewer): who is on call at `at` (now unless given) for every
 * applied schedule, or for one, with since and until when and how to reach them.
 */
export function registerOncallRoutes(app: ZodApp, deps: { store: XopsStore; clock: Clock }): void {
  const { store, clock } = deps;
  app.get('/api/v1/oncall', {
    config: { access: 'viewer' },
    schema: {
      operationId: 'whoIsOnCall', tags: ['on-call'],
      summary: 'Who is on call at an instant (now unless at says otherwise), per schedule ordered by name: the person with their contact methods, the layer or override, and since and until when. A gap has nobody.',
      querystring: z.object({
        at: boundedInstantSchema(() => clock.now()).optional().describe('the instant; now unless given'),
        schedule: z.string().min(1).max(253).optional().describe('only this schedule; 404 when it does not exist'),
      }),
      response: { 200: onCallSchema, ...errorResponses(401, 404, 409) },
    },
  }, async (request) => {
    const at = request.query.at ?? clock.now();
    const directory = await loadOncallDirectory(store);
    const { schedule: only } = request.query;
    // One schedule asked for by name must exist and compute; in the list, a broken one says why.
    if (only !== undefined) directorySchedule(directory, only);
    const names = only === undefined ? [...directory.schedules.keys()].sort() : [only];
    const schedules = names.map((name): OnCallEntryBody => {
      const compiled = directory.schedules.get(name);
      const none = { schedule: name, team: null, timeZone: null, onCall: null, source: null, since: null, until: null };
      if (compiled === undefined) return { ...none, problem: `Schedule "${name}" does not exist` };
      if (!compiled.ok) return { ...none, problem: compiled.error };
      const { definition, team } = compiled.value;
      const stretch = onCallAt(definition, at);
      if (!stretch.ok) return { ...none, team, timeZone: definition.timeZone, problem: stretch.error };
      const { user, source, since, until } = stretch.value;
      return {
        schedule: name,
        team,
        timeZone: definition.timeZone,
        onCall: user === null ? null : directory.person(user, team),
        source,
        since: since === null ? null : isoInstant(since),
        until: until === null ? null : isoInstant(until),
        problem: null,
      };
    });
    return { at: isoInstant(at), schedules };
  });
}
