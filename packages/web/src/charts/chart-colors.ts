/** Line colours with at least 4.5:1 contrast on white, so lines stay visible to weaker eyes. */
const LINE_COLORS = ['#1d5fbf', '#b04a00', '#1e7a34', '#6b3fa0', '#00707a', '#a3195b', '#595959'] as const;

/** The colour of line `index`, cycling. */
export function lineColor(index: number): string {
  return LINE_COLORS[index % LINE_COLORS.length] ?? '#1d5fbf';
}

/** Targets, thresholds and ideal lines: dark grey, dashed. */
export const REFERENCE_COLOR = '#3d3d3d';
