import type uPlot from 'uplot';
import { MARKER_STYLE, type ChartMarker } from './chart-marker';

/**
 * Draws `markers` inside the plot area as vertical lines with a small flag on top: a uPlot `draw`
 * hook, so they follow zoom and resize. Markers outside the visible range are skipped.
 */
export function drawMarkers(u: uPlot, markers: readonly ChartMarker[]): void {
  const { min, max } = u.scales.x ?? {};
  if (min === undefined || max === undefined || min === null || max === null) return;
  const { ctx } = u;
  const { top, height } = u.bbox;
  const ratio = window.devicePixelRatio || 1;
  ctx.save();
  for (const marker of markers) {
    if (marker.at < min || marker.at > max) continue;
    const style = MARKER_STYLE[marker.kind];
    const x = Math.round(u.valToPos(marker.at, 'x', true));
    ctx.strokeStyle = style.color;
    ctx.fillStyle = style.color;
    ctx.lineWidth = 1.5 * ratio;
    ctx.setLineDash(style.dash.map((length) => length * ratio));
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x + 6 * ratio, top + 3 * ratio);
    ctx.lineTo(x, top + 6 * ratio);
    ctx.closePath();
    ctx.fill();
  }
  ctx.restore();
}
