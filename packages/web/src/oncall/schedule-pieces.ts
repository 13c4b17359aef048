import type { FinalScheduleBody } from '@xops/contracts';
import type { Span } from './calendar-days';

/** A stretch of a final schedule: someone on call through a layer or an override, or nobody (a gap). */
export interface SchedulePiece extends Span {
  readonly kind: 'layer' | 'override' | 'gap';
  /** Who is on call; null in a gap. */
  readonly user: string | null;
  readonly displayName: string | null;
  /** The layer's name for a layer piece. */
  readonly layer: string | null;
  /** The layer's place among the schedule's layers (its colour); -1 for overrides and gaps. */
  readonly layerIndex: number;
}

/** A piece cut to the span of one calendar cell. */
export interface PlacedPiece extends Span {
  readonly piece: SchedulePiece;
}

/**
 * The entries and gaps of a final schedule as one sorted list of pieces. `layers` names the
 * schedule's layers lowest first, so that a layer keeps its colour from week to week; a layer
 * it does not name comes after them in order of appearance.
 */
export function schedulePieces(final: Pick<FinalScheduleBody, 'entries' | 'gaps'>, layers: readonly string[] = []): SchedulePiece[] {
  const order = [...layers];
  const pieces: SchedulePiece[] = final.entries.map((entry) => {
    const base = { from: Date.parse(entry.from), to: Date.parse(entry.to), user: entry.user, displayName: entry.displayName };
    if (entry.source.kind === 'override') return { ...base, kind: 'override', layer: null, layerIndex: -1 };
    if (!order.includes(entry.source.layer)) order.push(entry.source.layer);
    return { ...base, kind: 'layer', layer: entry.source.layer, layerIndex: order.indexOf(entry.source.layer) };
  });
  for (const gap of final.gaps) {
    pieces.push({ from: Date.parse(gap.from), to: Date.parse(gap.to), kind: 'gap', user: null, displayName: null, layer: null, layerIndex: -1 });
  }
  return pieces.toSorted((a, b) => a.from - b.from || a.to - b.to);
}

/**
 * Lays pieces into calendar cells (days of a month, hours of a week): for each cell, the pieces
 * that overlap it, cut to it, in time order. A piece over several cells shows in each; a cell
 * outside every piece is empty. Both lists are sorted by start.
 *
 * @example placePieces([ana 08:00–20:00], [day 1, day 2]) // → [[ana 08:00–20:00], []]
 */
export function placePieces(pieces: readonly SchedulePiece[], cells: readonly Span[]): PlacedPiece[][] {
  let first = 0;
  return cells.map((cell) => {
    if (cell.to <= cell.from) return [];
    // Pieces ending before this cell end before every later one: skip them for good.
    while (first < pieces.length && (pieces[first]?.to ?? 0) <= cell.from) first++;
    const placed: PlacedPiece[] = [];
    for (let index = first; index < pieces.length; index++) {
      const piece = pieces[index];
      if (piece === undefined || piece.from >= cell.to) break;
      if (piece.to <= cell.from) continue;
      placed.push({ from: Math.max(piece.from, cell.from), to: Math.min(piece.to, cell.to), piece });
    }
    return placed;
  });
}

/** A piece's person or "Nobody on call", for cells and their labels. */
export function pieceWho(piece: SchedulePiece): string {
  if (piece.kind === 'gap') return 'Nobody on call';
  return piece.displayName ?? piece.user ?? '?';
}

/** Where a piece comes from, in words: `layer weekly`, `override`, `gap`. */
export function pieceSource(piece: SchedulePiece): string {
  return piece.kind === 'layer' ? `layer ${piece.layer ?? ''}` : piece.kind;
}
