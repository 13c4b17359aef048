import type { Shift, TimeRange } from './schedule-definition';

/** The union of `ranges` as sorted, disjoint, non-adjacent ranges; empty ranges vanish. */
export function unionOfRanges(ranges: readonly TimeRange[]): TimeRange[] {
  const sorted = ranges.filter((range) => range.to > range.from).sort((a, b) => a.from - b.from);
  const merged: TimeRange[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && range.from <= last.to) merged[merged.length - 1] = { from: last.from, to: Math.max(last.to, range.to) };
    else merged.push(range);
  }
  return merged;
}

/**
 * The parts of `shifts` that lie inside `windows`. Both sorted by `from` and each free of overlaps
 * (windows as `unionOfRanges` returns them); O(shifts + windows).
 */
export function shiftsWithin(shifts: readonly Shift[], windows: readonly TimeRange[]): Shift[] {
  const inside: Shift[] = [];
  let w = 0;
  for (const shift of shifts) {
    while (w < windows.length && (windows[w]?.to ?? 0) <= shift.from) w++;
    for (let i = w; i < windows.length; i++) {
      const window = windows[i];
      if (window === undefined || window.from >= shift.to) break;
      const from = Math.max(shift.from, window.from);
      const to = Math.min(shift.to, window.to);
      if (to > from) inside.push({ from, to, user: shift.user });
    }
  }
  return inside;
}
