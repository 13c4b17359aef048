import type { Result } from '../result';
import { toInstant, toLocalMs, wallClock, type WallClock } from '../time/wall-clock';
import { restrictionWindows } from './restriction-windows';
import type { ScheduleLayer, Shift, TimeRange } from './schedule-definition';
import { shiftsWithin } from './time-range';
import { layerProblems, rangeProblem } from './validate-schedule';

/** The most turns one layer may produce for one range: a guard against a 1-minute rotation over years. */
export const MAX_TURNS_PER_LAYER = 200_000;
// Local and real time differ by less than this (see time/wall-clock.ts).
const SLACK_MS = 26 * 3_600_000;

/**
 * Who a layer puts on call within `range`, clipped to it: its rotation, then its restrictions.
 *
 * Turn k (k ≥ 0) is `users[k mod n]` from handoff k to handoff k + 1, where handoff k is the start's
 * wall-clock time in `timeZone` plus k turns of the wall clock. A weekly layer handing off at
 * Monday 09:00 Europe/Berlin therefore hands off at 09:00 local every week, and the turn across
 * a DST change lasts 167 h (spring) or 169 h (autumn). Before `start` and from `end` the layer
 * has nobody. Turns that a DST jump swallows whole (a 30-minute turn at 02:00 in spring) vanish.
 *
 * @example layerShifts({ name: 'weekly', users: ['ana', 'ben'], start: Date.UTC(2026, 2, 23, 8), turnLengthMs: 7 * DAY,
 *   restrictions: [] }, 'Europe/Berlin', { from: Date.UTC(2026, 2, 23, 8), to: Date.UTC(2026, 3, 6, 7) })
 *   // → ok: ana from 03-23 08:00Z to 03-30 07:00Z (167 h), ben from 03-30 07:00Z to 04-06 07:00Z
 */
export function layerShifts(layer: ScheduleLayer, timeZone: string, range: TimeRange): Result<Shift[], string> {
  const clock = wallClock(timeZone);
  if (clock === undefined) return { ok: false, error: `time zone "${timeZone}" is not in the IANA database` };
  const problems = layerProblems(layer);
  const badRange = rangeProblem(range);
  if (badRange !== undefined) problems.push(badRange);
  if (problems.length > 0) return { ok: false, error: `layer "${layer.name}": ${problems.join('; ')}` };
  return shiftsOfLayer(layer, clock, range);
}

/** `layerShifts` for a layer and range already checked. */
export function shiftsOfLayer(layer: ScheduleLayer, clock: WallClock, range: TimeRange): Result<Shift[], string> {
  const from = Math.max(range.from, layer.start);
  const to = Math.min(range.to, layer.end ?? Number.POSITIVE_INFINITY);
  if (to <= from) return { ok: true, value: [] };
  const turns = rotationShifts(layer, clock, { from, to });
  if (!turns.ok) return turns;
  return { ok: true, value: shiftsWithin(turns.value, restrictionWindows(layer.restrictions, clock, { from, to })) };
}

function rotationShifts(layer: ScheduleLayer, clock: WallClock, range: TimeRange): Result<Shift[], string> {
  const anchor = toLocalMs(clock, layer.start);
  const turn = layer.turnLengthMs;
  // A handoff the spring change skips is the jump itself, so handoffs never go backwards.
  const handoff = (k: number): number => (k === 0 ? layer.start : toInstant(clock, anchor + k * turn, 'jump'));
  // The first turn that can reach the range: its wall-clock start is at least SLACK before the range's.
  let k = Math.max(0, Math.floor((toLocalMs(clock, range.from) - SLACK_MS - anchor) / turn));
  const lastTurn = Math.floor((toLocalMs(clock, range.to) + SLACK_MS - anchor) / turn);
  if (lastTurn - k >= MAX_TURNS_PER_LAYER) {
    return { ok: false, error: `layer "${layer.name}": more than ${MAX_TURNS_PER_LAYER} turns in the range; ask for a shorter range` };
  }
  const shifts: Shift[] = [];
  let start = handoff(k);
  while (start < range.to) {
    // Never before the previous handoff (a start given as the second of two equal wall-clock times).
    const end = Math.max(start, handoff(k + 1));
    const user = layer.users[k % layer.users.length];
    if (end > range.from && end > start && user !== undefined) {
      shifts.push({ from: Math.max(start, range.from), to: Math.min(end, range.to), user });
    }
    start = end;
    k++;
  }
  return { ok: true, value: shifts };
}
