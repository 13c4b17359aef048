import type { Result } from '../result';
import { wallClock } from '../time/wall-clock';
import type { Restriction, ScheduleDefinition, ScheduleLayer, TimeRange } from './schedule-definition';

const instant = (ms: number): boolean => Number.isFinite(ms);
const minuteIn = (minute: number, max: number): boolean => Number.isInteger(minute) && minute >= 0 && minute <= max;

/**
 * Checks that a schedule can be computed and says every reason why not at once: a known time
 * zone, unique layer names, people in every layer, positive turns, ends after starts, restrictions
 * of whole minutes inside a day or a week. `contracts` already rejects such documents; this guards
 * `core`'s own assumptions.
 *
 * @example validateSchedule({ name: 'primary', timeZone: 'Mars/Olympus', layers: [], overrides: [] })
 *   // → { ok: false, error: ['time zone "Mars/Olympus" is not in the IANA database'] }
 */
export function validateSchedule(schedule: ScheduleDefinition): Result<ScheduleDefinition, string[]> {
  const problems: string[] = [];
  if (wallClock(schedule.timeZone) === undefined) problems.push(`time zone "${schedule.timeZone}" is not in the IANA database`);
  const names = new Set<string>();
  for (const layer of schedule.layers) {
    if (names.has(layer.name)) problems.push(`layer "${layer.name}": the name is taken by an earlier layer`);
    names.add(layer.name);
    problems.push(...layerProblems(layer).map((problem) => `layer "${layer.name}": ${problem}`));
  }
  schedule.overrides.forEach((override, index) => {
    const what = `override ${index + 1}`;
    if (override.user.length === 0) problems.push(`${what}: no user`);
    if (!instant(override.from) || !instant(override.to) || override.to <= override.from) problems.push(`${what}: must end after it starts`);
  });
  return problems.length === 0 ? { ok: true, value: schedule } : { ok: false, error: problems };
}

/** What is wrong with one layer, as short phrases (empty when nothing is). */
export function layerProblems(layer: ScheduleLayer): string[] {
  const problems: string[] = [];
  if (layer.users.length === 0) problems.push('has nobody in its rotation');
  if (layer.users.some((user) => user.length === 0)) problems.push('has a user without a name');
  if (!(Number.isInteger(layer.turnLengthMs) && layer.turnLengthMs > 0)) problems.push(`a turn of ${layer.turnLengthMs} ms is not a positive whole number of ms`);
  if (!instant(layer.start)) problems.push('has no start');
  if (layer.end !== undefined && !(instant(layer.end) && layer.end > layer.start)) problems.push('must end after it starts');
  layer.restrictions.forEach((restriction, index) => {
    const problem = restrictionProblem(restriction);
    if (problem !== undefined) problems.push(`restriction ${index + 1}: ${problem}`);
  });
  return problems;
}

/** Why `range` is not a span that can be computed, or `undefined` when it is. */
export function rangeProblem(range: TimeRange): string | undefined {
  return instant(range.from) && instant(range.to) && range.to >= range.from ? undefined : `[${range.from}, ${range.to}) is not a time range`;
}

function restrictionProblem(restriction: Restriction): string | undefined {
  const max = restriction.kind === 'daily' ? 1440 : 10_080;
  const { startMinute, endMinute } = restriction;
  if (!minuteIn(startMinute, max - 1) || !minuteIn(endMinute, max)) return `minutes must be whole, from 0 to ${max}`;
  if (startMinute === endMinute) return 'starts where it ends: it has no length';
  if (restriction.kind === 'daily' && restriction.days.length === 0) return 'has no days';
  return undefined;
}
