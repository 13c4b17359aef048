import { describe, expect, it } from 'vitest';
import { placePieces, schedulePieces, type SchedulePiece } from './schedule-pieces';

const H = 3_600_000;
const T0 = Date.UTC(2026, 2, 9);
const iso = (hours: number) => new Date(T0 + hours * H).toISOString();

const FINAL = {
  entries: [
    { from: iso(0), to: iso(9), user: 'ana', displayName: 'Ana Alves', source: { kind: 'layer' as const, layer: 'weekly' } },
    { from: iso(9), to: iso(17), user: 'dora', displayName: null, source: { kind: 'layer' as const, layer: 'office-hours' } },
    { from: iso(18), to: iso(33), user: 'ben', displayName: 'Ben Becker', source: { kind: 'override' as const } },
  ],
  gaps: [{ from: iso(17), to: iso(18) }],
};

describe('schedulePieces', () => {
  it('merges entries and gaps in time order, each layer with the index of its place in the schedule', () => {
    const pieces = schedulePieces(FINAL, ['weekly', 'office-hours']);
    expect(pieces.map((piece) => [piece.kind, piece.user, piece.layer, piece.layerIndex, (piece.from - T0) / H, (piece.to - T0) / H])).toEqual([
      ['layer', 'ana', 'weekly', 0, 0, 9],
      ['layer', 'dora', 'office-hours', 1, 9, 17],
      ['gap', null, null, -1, 17, 18],
      ['override', 'ben', null, -1, 18, 33],
    ]);
  });

  it('numbers layers it is not told of in order of appearance, after the known ones', () => {
    const pieces = schedulePieces(FINAL, ['office-hours']);
    expect(pieces.filter((piece) => piece.kind === 'layer').map((piece) => [piece.layer, piece.layerIndex])).toEqual([['weekly', 1], ['office-hours', 0]]);
  });
});

describe('placePieces', () => {
  const pieces = schedulePieces(FINAL, ['weekly', 'office-hours']);
  const hours = (from: number, to: number) => ({ from: T0 + from * H, to: T0 + to * H });
  const summary = (cells: ReturnType<typeof placePieces>) =>
    cells.map((cell) => cell.map(({ from, to, piece }) => `${piece.user ?? 'gap'} ${String((from - T0) / H)}-${String((to - T0) / H)}`));

  it('cuts each piece to the days it spans, a piece over midnight showing on both days', () => {
    expect(summary(placePieces(pieces, [hours(0, 24), hours(24, 48), hours(48, 72)]))).toEqual([
      ['ana 0-9', 'dora 9-17', 'gap 17-18', 'ben 18-24'],
      ['ben 24-33'],
      [],
    ]);
  });

  it('places a handoff inside an hour in both pieces of that hour', () => {
    const split: SchedulePiece[] = schedulePieces({
      entries: [
        { from: iso(0), to: iso(0.5), user: 'ana', displayName: null, source: { kind: 'layer', layer: 'weekly' } },
        { from: iso(0.5), to: iso(2), user: 'cem', displayName: null, source: { kind: 'layer', layer: 'weekly' } },
      ],
      gaps: [],
    });
    expect(summary(placePieces(split, [hours(0, 1), hours(1, 2)]))).toEqual([['ana 0-0.5', 'cem 0.5-1'], ['cem 1-2']]);
  });

  it('leaves cells before, after and between the pieces empty, and an empty cell empty', () => {
    expect(summary(placePieces(pieces, [hours(-5, -1), hours(40, 41), hours(5, 5)]))).toEqual([[], [], []]);
  });
});
