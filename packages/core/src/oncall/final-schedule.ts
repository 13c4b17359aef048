import type { Result } from '../result';
import { wallClock } from '../time/wall-clock';
import { shiftsOfLayer } from './layer-shifts';
import type { EntrySource, FinalSchedule, ScheduleDefinition, ScheduleEntry, Shift, TimeRange } from './schedule-definition';
import { rangeProblem, validateSchedule } from './validate-schedule';

/**
 * Who is on call over `range`, one person at a time, as PagerDuty's "final schedule": each
 * layer's shifts (`layerShifts`), stacked so that a later layer wins wherever it has someone, then
 * the overrides on top (the later of two overlapping overrides wins). Where nobody is on call is a gap.
 * Entries and gaps are clipped to the range and together cover it exactly.
 *
 * Fails (as a value) for a schedule `validateSchedule` refuses, a reversed range, or a layer with
 * more than `MAX_TURNS_PER_LAYER` turns in the range.
 *
 * @example finalSchedule(schedule, { from: Date.UTC(2026, 2, 2), to: Date.UTC(2026, 2, 9) })
 *   // → { ok: true, value: { range, entries: [{ from, to, user: 'ana', source: { kind: 'layer', layer: 'weekly' } }, …], gaps: [] } }
 */
export function finalSchedule(schedule: ScheduleDefinition, range: TimeRange): Result<FinalSchedule, string> {
  const checked = validateSchedule(schedule);
  if (!checked.ok) return { ok: false, error: `schedule "${schedule.name}": ${checked.error.join('; ')}` };
  const badRange = rangeProblem(range);
  if (badRange !== undefined) return { ok: false, error: badRange };
  const clock = wallClock(schedule.timeZone);
  if (clock === undefined) return { ok: false, error: `schedule "${schedule.name}": unknown time zone` }; // checked above
  const layers: { readonly source: EntrySource; readonly shifts: readonly Shift[] }[] = [];
  for (const layer of schedule.layers) {
    const shifts = shiftsOfLayer(layer, clock, range);
    if (!shifts.ok) return { ok: false, error: `schedule "${schedule.name}": ${shifts.error}` };
    layers.push({ source: { kind: 'layer', layer: layer.name }, shifts: shifts.value });
  }
  const overrides = schedule.overrides
    .map((override) => ({ user: override.user, from: Math.max(override.from, range.from), to: Math.min(override.to, range.to) }))
    .filter((override) => override.to > override.from);
  return { ok: true, value: stack(range, layers, overrides) };
}

/**
 * The user on call at `at` (epoch ms), or `undefined` in a gap.
 *
 * @example whoIsOnCall(schedule, Date.parse('2026-03-04T12:00:00Z')) // → { ok: true, value: 'ana' }
 */
export function whoIsOnCall(schedule: ScheduleDefinition, at: number): Result<string | undefined, string> {
  const final = finalSchedule(schedule, { from: at, to: at + 1 });
  return final.ok ? { ok: true, value: final.value.entries[0]?.user } : final;
}

// Sweeps the elementary spans between every boundary of every shift and override: each span has
// one winner (the last override covering it, else the highest layer), or is a gap.
function stack(range: TimeRange, layers: readonly { readonly source: EntrySource; readonly shifts: readonly Shift[] }[], overrides: readonly Shift[]): FinalSchedule {
  const points = new Set([range.from, range.to]);
  for (const layer of layers) for (const shift of layer.shifts) points.add(shift.from).add(shift.to);
  for (const override of overrides) points.add(override.from).add(override.to);
  const sorted = [...points].sort((a, b) => a - b);
  const cursor = layers.map(() => 0);
  const entries: ScheduleEntry[] = [];
  const gaps: TimeRange[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const from = sorted[i] ?? 0;
    const to = sorted[i + 1] ?? 0;
    const winner = overrideAt(overrides, from) ?? layerAt(layers, cursor, from);
    if (winner === undefined) appendGap(gaps, { from, to });
    else appendEntry(entries, { from, to, ...winner });
  }
  return { range, entries, gaps };
}

function overrideAt(overrides: readonly Shift[], at: number): { user: string; source: EntrySource } | undefined {
  for (let i = overrides.length - 1; i >= 0; i--) {
    const override = overrides[i];
    if (override !== undefined && override.from <= at && at < override.to) return { user: override.user, source: { kind: 'override' } };
  }
  return undefined;
}

// `cursor[l]` is the first shift of layer l that ends after the span being swept; spans go forwards.
function layerAt(layers: readonly { readonly source: EntrySource; readonly shifts: readonly Shift[] }[], cursor: number[], at: number): { user: string; source: EntrySource } | undefined {
  let winner: { user: string; source: EntrySource } | undefined;
  layers.forEach((layer, l) => {
    let index = cursor[l] ?? 0;
    while (index < layer.shifts.length && (layer.shifts[index]?.to ?? 0) <= at) index++;
    cursor[l] = index;
    const shift = layer.shifts[index];
    if (shift !== undefined && shift.from <= at) winner = { user: shift.user, source: layer.source };
  });
  return winner;
}

function appendEntry(entries: ScheduleEntry[], entry: ScheduleEntry): void {
  const last = entries.at(-1);
  if (last !== undefined && last.to === entry.from && last.user === entry.user && sameSource(last.source, entry.source)) {
    entries[entries.length - 1] = { ...last, to: entry.to };
  } else {
    entries.push(entry);
  }
}

function appendGap(gaps: TimeRange[], gap: TimeRange): void {
  const last = gaps.at(-1);
  if (last !== undefined && last.to === gap.from) gaps[gaps.length - 1] = { from: last.from, to: gap.to };
  else gaps.push(gap);
}

function sameSource(a: EntrySource, b: EntrySource): boolean {
  return a.kind === 'override' ? b.kind === 'override' : b.kind === 'layer' && a.layer === b.layer;
}
