import { isoInstant, type FinalScheduleBody } from '@xops/contracts';
import { finalSchedule, type FinalSchedule, type TimeRange } from '@xops/core';
import { XopsError } from '../http/xops-error';
import type { DirectorySchedule, OncallDirectory } from './oncall-directory';

const DAY_MS = 86_400_000;
/** The longest range the final schedule and the iCalendar feed compute at once. */
const MAX_SCHEDULE_RANGE_MS = 366 * DAY_MS;

/**
 * The applied schedule `name`, compiled: 404 when there is none, 409 when its stored document
 * cannot be computed (it names a zone or a time that no longer parses; apply it again).
 */
export function directorySchedule(directory: OncallDirectory, name: string): DirectorySchedule {
  const found = directory.schedules.get(name);
  if (found === undefined) throw new XopsError('XOPS_ERR_NOT_FOUND', `Schedule "${name}" does not exist.`, { kind: 'Schedule', name });
  if (!found.ok) throw new XopsError('XOPS_ERR_CONFLICT', `${found.error}; it cannot be computed until that is fixed.`);
  return found.value;
}

/**
 * `finalSchedule` over `[from, to)` for an API request: 400 when `to` is not after `from`, when the
 * range is longer than a year, or when a layer would have too many turns in it.
 */
export function finalScheduleOver(schedule: DirectorySchedule, range: TimeRange): FinalSchedule {
  const problem = range.to <= range.from ? `\`to\` (${isoInstant(range.to)}) must be after \`from\` (${isoInstant(range.from)})`
    : range.to - range.from > MAX_SCHEDULE_RANGE_MS ? `the range from ${isoInstant(range.from)} to ${isoInstant(range.to)} is longer than 366 days: ask for a year at most`
      : undefined;
  if (problem !== undefined) throw rangeError(problem);
  const final = finalSchedule(schedule.definition, range);
  if (!final.ok) throw rangeError(final.error);
  return final.value;
}

/** A final schedule as `GET /api/v1/schedules/{name}/final` answers it. */
export function toFinalScheduleBody(schedule: DirectorySchedule, final: FinalSchedule, directory: OncallDirectory): FinalScheduleBody {
  const { from, to } = final.range;
  const covered = final.entries.reduce((sum, entry) => sum + (entry.to - entry.from), 0);
  return {
    schedule: schedule.definition.name,
    team: schedule.team,
    timeZone: schedule.definition.timeZone,
    from: isoInstant(from),
    to: isoInstant(to),
    entries: final.entries.map((entry) => ({
      from: isoInstant(entry.from),
      to: isoInstant(entry.to),
      user: entry.user,
      displayName: directory.person(entry.user, schedule.team).displayName,
      source: entry.source,
    })),
    gaps: final.gaps.map((gap) => ({ from: isoInstant(gap.from), to: isoInstant(gap.to) })),
    coverage: to > from ? covered / (to - from) : 1,
  };
}

function rangeError(message: string): XopsError {
  return new XopsError('XOPS_ERR_VALIDATION', `Invalid querystring: ${message}.`, { in: 'querystring', issues: [{ path: ['to'], message }] });
}
