import { z } from 'zod';
import type { ConfigProblem } from '../config-object';
import { withRule } from '../config-rule';
import { descriptionSchema } from '../description';
import { parseDurationShorthand } from '../duration';
import { durationMs } from '../duration-ms';
import { objectNameSchema } from '../object-name';
import { isPlainObject, ownField } from '../plain-object';
import { restrictionSchema } from './restriction';
import { scheduleTimeInstant, scheduleTimeSchema } from './schedule-time';
import { timeZoneSchema } from './time-zone';

const DAY_MS = 86_400_000;
const ROTATION_KEYWORDS: Readonly<Record<string, number>> = { daily: DAY_MS, weekly: 7 * DAY_MS };
const ROTATION_HELP = 'use daily, weekly, or a length in minutes, hours, days or weeks, e.g. 12h, 3d or 2w';

/**
 * The length of one turn of a `rotation` (`daily`, `weekly`, `12h`, `2w`) in ms of the wall clock;
 * `undefined` when it is none. Months, quarters and years have no fixed length and are refused.
 */
export function rotationLengthMs(text: string): number | undefined {
  const keyword = ROTATION_KEYWORDS[text];
  if (keyword !== undefined) return keyword;
  const duration = parseDurationShorthand(text);
  if (duration === undefined || duration.amount === 0 || !['m', 'h', 'd', 'w'].includes(duration.unit)) return undefined;
  return durationMs(duration);
}

const rotationSchema = z.string().superRefine((text, ctx) => {
  if (rotationLengthMs(text) !== undefined) return;
  const duration = parseDurationShorthand(text);
  const why = duration === undefined ? 'is not a rotation length'
    : duration.amount === 0 ? 'has no length'
      : 'has no fixed length (months, quarters and years vary)';
  ctx.addIssue({ code: 'custom', message: `rotation \`${text}\` ${why}: ${ROTATION_HELP}` });
});

const layerSchema = z.strictObject({
  name: objectNameSchema().optional().describe('unique in the schedule, e.g. weekdays; layer-1, layer-2… when left out'),
  users: z.array(objectNameSchema()).min(1).describe('the members of the team who take turns, in order, e.g. [ana, ben]'),
  rotation: rotationSchema.describe(`how long each turn lasts: ${ROTATION_HELP}`),
  start: scheduleTimeSchema('start').describe('the first handoff, e.g. "2026-03-02T09:00": every handoff keeps its time of day in the schedule\'s time zone'),
  end: scheduleTimeSchema('end').optional(),
  restrictions: z.array(restrictionSchema).min(1).optional(),
});

const overrideSchema = z.strictObject({
  user: objectNameSchema().describe('the member of the team on call instead, e.g. ana'),
  from: scheduleTimeSchema('from').describe('when the override starts, e.g. "2026-03-10T18:00"'),
  to: scheduleTimeSchema('to').describe('when the override ends, e.g. "2026-03-11T09:00"'),
});

/**
 * zod schema for the `spec` of a Schedule: layers of rotations (a later layer wins where it has
 * someone, as PagerDuty's), each with optional restrictions, and overrides on top of them all.
 * Times without an offset are wall-clock times in `timeZone`.
 */
export const scheduleSpecSchema = withRule(
  z.strictObject({
    description: descriptionSchema.optional(),
    team: objectNameSchema().describe('the Team whose members are on call, e.g. payments'),
    timeZone: timeZoneSchema.describe('the IANA time zone of handoffs and restrictions, e.g. Europe/Berlin'),
    layers: z.array(layerSchema).min(1).describe('the rotations, lowest first'),
    overrides: z.array(overrideSchema).optional(),
  }),
  scheduleProblems,
);
/** The `spec` of a Schedule once checked. */
export type ScheduleSpec = z.infer<typeof scheduleSpecSchema>;
/** One layer of a Schedule once checked. */
export type ScheduleLayerSpec = ScheduleSpec['layers'][number];

/** The name of layer `index` (0-based): its own, else `layer-<index + 1>`. */
export function layerName(layer: unknown, index: number): string {
  const name = ownField(layer, 'name');
  return typeof name === 'string' ? name : `layer-${index + 1}`;
}

// Across fields: unique layer names, and every span ending after it starts.
function scheduleProblems(spec: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const timeZone = ownField(spec, 'timeZone');
  const instant = (holder: unknown, key: string): number | undefined => {
    const text = ownField(holder, key);
    return typeof text === 'string' && typeof timeZone === 'string' ? scheduleTimeInstant(text, timeZone) : undefined;
  };
  const mustEndAfter = (holder: unknown, startKey: string, endKey: string, path: (string | number)[]): void => {
    const start = instant(holder, startKey);
    const end = instant(holder, endKey);
    if (start !== undefined && end !== undefined && end <= start) {
      problems.push({ path: [...path, endKey], message: `\`${endKey}\` must be after \`${startKey}\` (${String(ownField(holder, startKey))})` });
    }
  };
  const layers = ownField(spec, 'layers');
  const seen = new Map<string, number>();
  if (Array.isArray(layers)) {
    layers.forEach((layer: unknown, index) => {
      if (!isPlainObject(layer)) return;
      const name = layerName(layer, index);
      const earlier = seen.get(name);
      if (earlier === undefined) seen.set(name, index);
      else {
        const path = ownField(layer, 'name') === undefined ? ['layers', index] : ['layers', index, 'name'];
        problems.push({ path, message: `layer name \`${name}\` is taken by layer ${earlier + 1}: give each layer a name of its own` });
      }
      mustEndAfter(layer, 'start', 'end', ['layers', index]);
    });
  }
  const overrides = ownField(spec, 'overrides');
  if (Array.isArray(overrides)) overrides.forEach((override: unknown, index) => mustEndAfter(override, 'from', 'to', ['overrides', index]));
  return problems;
}
