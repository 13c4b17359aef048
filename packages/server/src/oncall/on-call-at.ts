import { finalSchedule, type EntrySource, type Result, type ScheduleDefinition, type TimeRange } from '@xops/core';

const DAY_MS = 86_400_000;
// How far around `at` to look for the start and end of the stretch it falls in: a little first
// (most turns are a day or a week), further only when the stretch runs past the edge.
const SEARCH_SPANS_MS = [8, 32, 128, 366].map((days) => days * DAY_MS);

/** Who is on call at an instant (`null` in a gap), and the stretch of the final schedule it falls in. */
export interface OnCallStretch {
  readonly user: string | null;
  readonly source: EntrySource | null;
  /** When the stretch began; `null` when more than a year before. */
  readonly since: number | null;
  /** When it ends; `null` when more than a year after. */
  readonly until: number | null;
}

/**
 * Who is on call at `at` (epoch ms) and since and until when: the entry (or gap) of the final
 * schedule that holds `at`, whole. `whoIsOnCall` answers only who; a handoff table also needs
 * the span, which may be longer than a turn when the same person follows on from the same layer.
 *
 * @example onCallAt(schedule, Date.parse('2026-01-07T20:00:00Z'))
 *   // → { ok: true, value: { user: 'ben', source: { kind: 'override' }, since: Date.parse('2026-01-07T17:00:00Z'), until: Date.parse('2026-01-08T08:00:00Z') } }
 */
export function onCallAt(schedule: ScheduleDefinition, at: number): Result<OnCallStretch, string> {
  let found: OnCallStretch | undefined;
  for (const span of SEARCH_SPANS_MS) {
    const range = { from: at - span, to: at + span };
    const final = finalSchedule(schedule, range);
    // A range too long for a very short rotation: answer with what the shorter range showed.
    if (!final.ok) return found === undefined ? final : { ok: true, value: found };
    const entry = final.value.entries.find((candidate) => covers(candidate, at));
    const piece: TimeRange | undefined = entry ?? final.value.gaps.find((gap) => covers(gap, at));
    found = {
      user: entry?.user ?? null,
      source: entry?.source ?? null,
      since: piece === undefined || piece.from <= range.from ? null : piece.from,
      until: piece === undefined || piece.to >= range.to ? null : piece.to,
    };
    if (found.since !== null && found.until !== null) break;
  }
  return found === undefined ? { ok: false, error: 'nothing to search' } : { ok: true, value: found };
}

function covers(range: TimeRange, at: number): boolean {
  return range.from <= at && at < range.to;
}
