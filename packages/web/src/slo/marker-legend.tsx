import { MARKER_STYLE, type MarkerKind } from '../charts/chart-marker';
import { MarkerSwatch } from '../charts/marker-swatch';

const KINDS = Object.keys(MARKER_STYLE).filter((kind): kind is MarkerKind => kind in MARKER_STYLE);

/** What the vertical lines on the charts mean. */
export function MarkerLegend() {
  return (
    <ul className="marker-legend" aria-label="Chart markers">
      {KINDS.map((kind) => <li key={kind}><MarkerSwatch kind={kind} /> {MARKER_STYLE[kind].text}</li>)}
    </ul>
  );
}
