import type { AlertTransitionBody, IncidentViewBody } from '@xops/contracts';
import type { ChartMarker, MarkerKind } from '../charts/chart-marker';

/** One event of an SLO's timeline, as listed under the charts and drawn on them. */
export interface TimelineEvent {
  /** Epoch ms. */
  readonly at: number;
  readonly kind: MarkerKind;
  readonly text: string;
}

/**
 * The timeline of an SLO over `[from, to]` (epoch ms), oldest first: its alert transitions, and
 * the opening and resolution of incidents on its service.
 */
export function timelineEvents(options: {
  readonly transitions: readonly AlertTransitionBody[];
  readonly incidents: readonly IncidentViewBody[];
  readonly service: string | null;
  readonly from: number;
  readonly to: number;
}): TimelineEvent[] {
  const events: TimelineEvent[] = options.transitions.map((transition) => ({
    at: Date.parse(transition.at),
    kind: transitionKind(transition.to),
    text: `${transition.rule} (${transition.severity}) ${transition.from} → ${transition.to}${transition.objective === '*' || transition.objective === '' ? '' : ` on ${transition.objective}`}`,
  }));
  for (const incident of options.incidents) {
    if (options.service === null || !incident.services.includes(options.service)) continue;
    const name = `#${String(incident.number)} ${incident.title}`;
    events.push({ at: Date.parse(incident.createdAt), kind: 'incident-opened', text: `Incident ${name} opened (${incident.severity})` });
    if (incident.resolvedAt !== null) events.push({ at: Date.parse(incident.resolvedAt), kind: 'incident-resolved', text: `Incident ${name} resolved` });
  }
  return events
    .filter((event) => event.at >= options.from && event.at <= options.to)
    .sort((a, b) => a.at - b.at);
}

/** The events as chart markers (epoch seconds). */
export function toMarkers(events: readonly TimelineEvent[]): ChartMarker[] {
  return events.map((event) => ({ at: event.at / 1000, kind: event.kind, label: event.text }));
}

function transitionKind(to: AlertTransitionBody['to']): MarkerKind {
  if (to === 'firing') return 'alert-firing';
  return to === 'pending' ? 'alert-pending' : 'alert-resolved';
}
