import type { Result } from '../result';
import { toInstant, toLocalMs, wallClock, type WallClock } from '../time/wall-clock';
import type { LabelMatcher } from './label-matcher';
import { parseRecurrenceRule } from './recurrence-rule';
import { rruleLibrary } from './rrule-library';

/**
 * Planned maintenance: from `start` for `durationMs`, repeated by an RRULE, alerts its matchers
 * match do not page (`suppress: 'pages'`: they still notify channels and tickets, at low urgency)
 * or notify no one at all (`suppress: 'all'`).
 */
export interface MaintenanceWindow {
  readonly name: string;
  readonly matchers: readonly LabelMatcher[];
  /** The first occurrence, wall-clock time in `timeZone`: `2026-03-07T02:00:00`. */
  readonly start: string;
  readonly timeZone: string;
  readonly durationMs: number;
  /** RFC 5545 RRULE, e.g. `FREQ=WEEKLY;BYDAY=SA`; without it the window happens once. */
  readonly rrule?: string;
  readonly suppress: 'pages' | 'all';
}

/** One occurrence of a window, epoch ms, half-open: `[startsAt, endsAt)`. */
export interface Occurrence {
  readonly startsAt: number;
  readonly endsAt: number;
}

const START = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const DAY_MS = 86_400_000;
// Occurrences are computed a week of wall-clock time at a time and kept: `rrule` iterates from
// the first occurrence on every call, so asking it at each flush would cost more each week.
const CHUNK_MS = 7 * DAY_MS;
const MAX_CACHED = 4096;

interface Schedule {
  readonly key: string;
  readonly clock: WallClock;
  readonly startLocal: number;
  /** Wall-clock starts (local ms) in `[from, to)`. */
  readonly between: (from: number, to: number) => number[];
}

const schedules = new Map<string, Result<Schedule, string>>();
const chunks = new Map<string, readonly number[]>();

/**
 * Checks what `maintenanceOccurrences` needs of a window: a known time zone, a real `start`, a
 * valid RRULE and a positive duration. Config checks call it; the functions below assume it passed.
 */
export function checkMaintenanceWindow(window: Pick<MaintenanceWindow, 'start' | 'timeZone' | 'durationMs' | 'rrule'>): Result<true, string> {
  const schedule = scheduleOf(window);
  if (!schedule.ok) return schedule;
  if (!(window.durationMs > 0)) return { ok: false, error: 'a maintenance window needs a duration above zero' };
  return { ok: true, value: true };
}

/**
 * The occurrences of `window` that start in `[from, to)` (epoch ms), in order. Each starts at a
 * wall-clock time of the window's zone (RFC 5545: a weekly 02:00 stays 02:00 across DST changes)
 * and lasts `durationMs` of real time. An invalid window has none.
 *
 * @example maintenanceOccurrences({ …, start: '2026-03-07T02:00:00', timeZone: 'Europe/Berlin', durationMs: 7_200_000, rrule: 'FREQ=WEEKLY;BYDAY=SA' },
 *   Date.parse('2026-03-27T00:00:00Z'), Date.parse('2026-04-05T00:00:00Z'))
 *   // → [{ startsAt: Date.parse('2026-03-28T01:00:00Z'), … }, { startsAt: Date.parse('2026-04-04T00:00:00Z'), … }]
 */
export function maintenanceOccurrences(window: MaintenanceWindow, from: number, to: number): Occurrence[] {
  const schedule = scheduleOf(window);
  if (!schedule.ok || to <= from) return [];
  // A wall clock is at most a day off its instant (UTC offsets stay within ±14 h).
  const { clock } = schedule.value;
  const localFrom = toLocalMs(clock, from) - DAY_MS;
  const localTo = toLocalMs(clock, to) + DAY_MS;
  const found: Occurrence[] = [];
  for (const local of cachedBetween(schedule.value, localFrom, localTo)) {
    // RFC 5545 § 3.3.5: a start the spring change skips moves later by the gap (02:30 → 03:30).
    const startsAt = toInstant(clock, local, 'shift-forward');
    if (startsAt >= from && startsAt < to) found.push({ startsAt, endsAt: startsAt + window.durationMs });
  }
  return found;
}

/** The occurrence of `window` under way at `now`, or `null`; of overlapping ones, the one that ends last. */
export function maintenanceOccurrenceAt(window: MaintenanceWindow, now: number): Occurrence | null {
  const covering = maintenanceOccurrences(window, now - window.durationMs + 1, now + 1);
  return covering.reduce<Occurrence | null>((best, occurrence) => (best === null || occurrence.endsAt > best.endsAt ? occurrence : best), null);
}

function scheduleOf(window: Pick<MaintenanceWindow, 'start' | 'timeZone' | 'rrule'>): Result<Schedule, string> {
  const key = `${window.start}\u0000${window.timeZone}\u0000${window.rrule ?? ''}`;
  const known = schedules.get(key);
  if (known !== undefined) return known;
  const schedule = buildSchedule(key, window);
  if (schedules.size >= MAX_CACHED) schedules.clear();
  schedules.set(key, schedule);
  return schedule;
}

function buildSchedule(key: string, window: Pick<MaintenanceWindow, 'start' | 'timeZone' | 'rrule'>): Result<Schedule, string> {
  const clock = wallClock(window.timeZone);
  if (clock === undefined) return { ok: false, error: `unknown time zone \`${window.timeZone}\`: use an IANA name such as Europe/Berlin or UTC` };
  const startLocal = localMsOf(window.start);
  if (startLocal === undefined) return { ok: false, error: `start \`${window.start}\` is not a local date and time such as 2026-03-07T02:00:00` };
  if (window.rrule === undefined) {
    return { ok: true, value: { key, clock, startLocal, between: (from, to) => (startLocal >= from && startLocal < to ? [startLocal] : []) } };
  }
  const rule = parseRecurrenceRule(window.rrule);
  if (!rule.ok) return rule;
  const { RRule } = rruleLibrary;
  const until = rule.value.until;
  // The rule runs on the floating wall clock (dates whose UTC fields are local time), so DST
  // never shifts an occurrence's time of day; `toInstant` then places each in real time.
  const untilLocal = until === undefined ? undefined : until.utc ? toLocalMs(clock, until.time) : until.time;
  const recurrence = new RRule({
    ...RRule.parseString(rule.value.parts),
    dtstart: new Date(startLocal),
    ...(untilLocal === undefined ? {} : { until: new Date(untilLocal) }),
  });
  return {
    ok: true,
    value: { key, clock, startLocal, between: (from, to) => recurrence.between(new Date(from), new Date(to - 1), true).map((date) => date.getTime()) },
  };
}

function cachedBetween(schedule: Schedule, from: number, to: number): number[] {
  const found: number[] = [];
  for (let chunk = Math.floor(from / CHUNK_MS); chunk * CHUNK_MS < to; chunk++) {
    const key = `${schedule.key}\u0000${chunk}`;
    let starts = chunks.get(key);
    if (starts === undefined) {
      starts = schedule.between(chunk * CHUNK_MS, (chunk + 1) * CHUNK_MS);
      if (chunks.size >= MAX_CACHED) chunks.clear();
      chunks.set(key, starts);
    }
    for (const start of starts) if (start >= from && start < to) found.push(start);
  }
  return found;
}

function localMsOf(text: string): number | undefined {
  const match = START.exec(text);
  if (match === null) return undefined;
  const [year, month, day, hour, minute] = match.slice(1, 6).map(Number);
  const second = Number(match[6] ?? 0);
  if (year === undefined || month === undefined || day === undefined || hour === undefined || minute === undefined) return undefined;
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(local);
  if (year < 1970 || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return undefined;
  return local;
}
