/** What the calendar's colours and borders mean; every cell also says it in words. */
export function CalendarLegend({ layers }: { readonly layers: readonly string[] }) {
  return (
    <ul className="calendar-legend" aria-label="Legend">
      {layers.map((layer, index) => (
        <li key={layer}><span className={`cal-swatch cal-layer-${String(index % 6)}`} aria-hidden="true" /> layer {layer}</li>
      ))}
      <li><span className="cal-swatch cal-override" aria-hidden="true" /> override</li>
      <li><span className="cal-swatch cal-gap" aria-hidden="true" /> nobody on call (a gap)</li>
    </ul>
  );
}

/** The class of a piece of the calendar: a layer's colour, an override's, or a gap's. */
export function pieceClass(piece: { readonly kind: 'layer' | 'override' | 'gap'; readonly layerIndex: number }): string {
  if (piece.kind === 'layer') return `cal-layer-${String(Math.max(0, piece.layerIndex) % 6)}`;
  return piece.kind === 'override' ? 'cal-override' : 'cal-gap';
}
