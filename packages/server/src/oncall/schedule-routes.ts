import { boundedInstantSchema, finalScheduleSchema, isObjectName } from '@xops/contracts';
import type { ScheduleDefinition } from '@xops/core';
import type { XopsStore } from '@xops/store';
import { z } from 'zod';
import type { Clock } from '../clock/clock';
import { errorResponses } from '../http/error-envelope';
import { XopsError } from '../http/xops-error';
import type { ZodApp } from '../http/zod-app';
import { loadOncallDirectory } from './oncall-directory';
import { directorySchedule, finalScheduleOver, toFinalScheduleBody } from './schedule-final';
import { renderScheduleIcs } from './schedule-ics';

const DAY_MS = 86_400_000;
/** The final schedule's default range: the week ahead. */
const FINAL_DEFAULT_MS = 7 * DAY_MS;
/** The calendar feed's default range: four weeks back (what just happened) to twelve ahead (what to plan for). */
const ICS_BACK_MS = 28 * DAY_MS;
const ICS_AHEAD_MS = 84 * DAY_MS;

const nameParamsSchema = z.object({ name: z.string().min(1).max(253) });

/**
 * `GET /api/v1/schedules/{name}/final?from&to` (viewer): who is on call over a range, one person
 * at a time, with the gaps and the coverage; `GET /api/v1/schedules/{name}.ics?user&from&to`
 * (viewer): the same as an iCalendar feed to subscribe to, of everyone or of one person.
 */
export function registerScheduleRoutes(app: ZodApp, deps: { store: XopsStore; clock: Clock }): void {
  const { store, clock } = deps;
  const when = () => boundedInstantSchema(() => clock.now()).optional();

  app.get('/api/v1/schedules/:name/final', {
    config: { access: 'viewer' },
    schema: {
      operationId: 'getFinalSchedule', tags: ['on-call'],
      summary: 'Who is on call over [from, to) (default: the next 7 days, at most 366), one person at a time: each entry with its layer or override, the gaps with nobody, and the coverage.',
      params: nameParamsSchema,
      querystring: z.object({ from: when().describe('start; now unless given'), to: when().describe('end; 7 days after from unless given') }),
      response: { 200: finalScheduleSchema, ...errorResponses(401, 404, 409) },
    },
  }, async (request) => {
    const directory = await loadOncallDirectory(store);
    const schedule = directorySchedule(directory, request.params.name);
    const from = request.query.from ?? clock.now();
    const final = finalScheduleOver(schedule, { from, to: request.query.to ?? from + FINAL_DEFAULT_MS });
    return toFinalScheduleBody(schedule, final, directory);
  });

  app.get('/api/v1/schedules/:name.ics', {
    config: { access: 'viewer' },
    schema: {
      operationId: 'getScheduleIcs', tags: ['on-call'],
      summary: 'The final schedule as an iCalendar feed (RFC 5545, text/calendar): one event per shift, from 4 weeks ago to 12 weeks ahead unless from and to say otherwise; with user, only that person\'s shifts.',
      params: nameParamsSchema,
      querystring: z.object({
        user: z.string().max(63).refine(isObjectName, 'a person is named as in their Team, e.g. ana').optional().describe('only the shifts of this person, e.g. ana'),
        from: when().describe('start; 28 days ago unless given'),
        to: when().describe('end; 84 days from now unless given'),
      }),
      response: {
        200: { description: 'an iCalendar file', content: { 'text/calendar': { schema: z.string().describe('RFC 5545: one VEVENT per shift, in UTC') } } },
        ...errorResponses(401, 404, 409),
      },
    },
  }, async (request, reply) => {
    const { user } = request.query;
    const directory = await loadOncallDirectory(store);
    const schedule = directorySchedule(directory, request.params.name);
    if (user !== undefined && !namesPerson(schedule.definition, user) && directory.person(user, schedule.team).email === null) {
      throw new XopsError('XOPS_ERR_NOT_FOUND', `"${user}" is not on schedule "${schedule.definition.name}" nor a member of Team "${schedule.team}".`, { kind: 'Person', name: user });
    }
    const now = clock.now();
    const final = finalScheduleOver(schedule, { from: request.query.from ?? now - ICS_BACK_MS, to: request.query.to ?? now + ICS_AHEAD_MS });
    const people = new Map(final.entries.map((entry) => {
      const person = directory.person(entry.user, schedule.team);
      return [entry.user, { ...(person.displayName === null ? {} : { displayName: person.displayName }), ...(person.email === null ? {} : { email: person.email }) }];
    }));
    const text = renderScheduleIcs({ schedule: schedule.definition.name, final, generatedAt: now, people, ...(user === undefined ? {} : { user }) });
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', `inline; filename="${schedule.definition.name}${user === undefined ? '' : `-${user}`}.ics"`)
      .send(text);
  });
}

function namesPerson(definition: ScheduleDefinition, user: string): boolean {
  return definition.layers.some((layer) => layer.users.includes(user)) || definition.overrides.some((override) => override.user === user);
}
