import { MARKER_STYLE, type MarkerKind } from './chart-marker';

/** A short line in the colour and dash of a marker kind, for legends. */
export function MarkerSwatch({ kind }: { readonly kind: MarkerKind }) {
  const style = MARKER_STYLE[kind];
  return <span className="marker-swatch" aria-hidden="true" style={{ borderColor: style.color, borderLeftStyle: style.dash.length > 0 ? 'dashed' : 'solid' }} />;
}
