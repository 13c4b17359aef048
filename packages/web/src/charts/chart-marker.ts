/** What a marker on the time axis stands for. */
export type MarkerKind = 'alert-firing' | 'alert-pending' | 'alert-resolved' | 'incident-opened' | 'incident-resolved';

/** An event of the timeline drawn as a vertical line on every chart. */
export interface ChartMarker {
  /** Epoch seconds, as uPlot's time axis counts. */
  readonly at: number;
  readonly kind: MarkerKind;
  readonly label: string;
}

export const MARKER_STYLE: Readonly<Record<MarkerKind, { readonly color: string; readonly dash: readonly number[]; readonly text: string }>> = {
  'alert-firing': { color: '#c0262d', dash: [], text: 'alert fired' },
  'alert-pending': { color: '#a15c00', dash: [4, 3], text: 'alert pending' },
  'alert-resolved': { color: '#1e7a34', dash: [4, 3], text: 'alert resolved' },
  'incident-opened': { color: '#6b3fa0', dash: [], text: 'incident opened' },
  'incident-resolved': { color: '#6b3fa0', dash: [2, 3], text: 'incident resolved' },
};
