import { z } from 'zod';

const instant = z.string().describe('ISO 8601 UTC, e.g. 2026-01-07T17:00:00.000Z');

/** A way to reach a person, as their Team lists it, e.g. `{ type: 'slack', address: '@ana' }`. */
export const contactMethodBodySchema = z.object({
  type: z.string().describe('email, slack, teams or webhook'),
  address: z.string(),
});

/** A person the API names: a Team member, or only a name when no applied Team lists them. */
export const personSchema = z.object({
  name: z.string().describe('the id schedules and escalation policies use, e.g. ana'),
  displayName: z.string().nullable(),
  email: z.string().nullable(),
  contactMethods: z.array(contactMethodBodySchema)
    .describe('how xops reaches them: the contact methods of their Team entry, or their email when it lists none'),
}).meta({ id: 'Person' });
export type PersonBody = z.infer<typeof personSchema>;

/** Where an entry of a final schedule comes from: a layer by name, or an override. */
export const entrySourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('layer'), layer: z.string() }),
  z.object({ kind: z.literal('override') }),
]);

/** One entry of a final schedule: `user` is on call over `[from, to)`. */
export const scheduleEntryBodySchema = z.object({
  from: instant,
  to: instant,
  user: z.string(),
  displayName: z.string().nullable(),
  source: entrySourceSchema,
});

/**
 * A schedule's final schedule over `[from, to)`, as `GET /api/v1/schedules/{name}/final` returns
 * it: one person at a time, the spans with nobody on call, and the share of the range covered.
 */
export const finalScheduleSchema = z.object({
  schedule: z.string(),
  team: z.string(),
  timeZone: z.string(),
  from: instant,
  to: instant,
  entries: z.array(scheduleEntryBodySchema).describe('sorted, never overlapping; with gaps they cover [from, to) exactly'),
  gaps: z.array(z.object({ from: instant, to: instant })).describe('spans with nobody on call: an alert then pages no one from this schedule'),
  coverage: z.number().min(0).max(1).describe('the share of [from, to) with someone on call, 0 to 1'),
}).meta({ id: 'FinalSchedule' });
export type FinalScheduleBody = z.infer<typeof finalScheduleSchema>;

/** Who is on call for one schedule at an instant, and over which stretch. */
export const onCallEntrySchema = z.object({
  schedule: z.string(),
  team: z.string().nullable(),
  timeZone: z.string().nullable(),
  onCall: personSchema.nullable().describe('null in a gap, or when the schedule cannot be computed (see problem)'),
  source: entrySourceSchema.nullable(),
  since: instant.nullable().describe('when this stretch (or gap) began; null when more than a year ago'),
  until: instant.nullable().describe('when it ends; null when more than a year ahead'),
  problem: z.string().nullable().describe('why the stored schedule cannot be computed, until it is applied again fixed'),
});
export type OnCallEntryBody = z.infer<typeof onCallEntrySchema>;

/** `GET /api/v1/oncall`: who is on call at `at` for each schedule, ordered by schedule name. */
export const onCallSchema = z.object({
  at: instant,
  schedules: z.array(onCallEntrySchema),
}).meta({ id: 'OnCall' });
export type OnCallBody = z.infer<typeof onCallSchema>;
