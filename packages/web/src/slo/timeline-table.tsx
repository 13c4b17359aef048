import { MARKER_STYLE } from '../charts/chart-marker';
import { MarkerSwatch } from '../charts/marker-swatch';
import { formatInstant } from '../format/time-text';
import type { TimelineEvent } from './timeline-events';

/** The timeline's events as a table: what the markers on the charts stand for, readable without them. */
export function TimelineTable({ events }: { readonly events: readonly TimelineEvent[] }) {
  return (
    <section aria-labelledby="timeline-heading" data-testid="timeline-events">
      <h2 id="timeline-heading">Timeline</h2>
      {events.length === 0 ? <p className="muted">No alert or incident in this range.</p> : (
        <div className="table-scroll" role="region" aria-label="Timeline events" tabIndex={0}>
          <table>
            <thead><tr><th scope="col">When</th><th scope="col">Event</th><th scope="col">Details</th></tr></thead>
            <tbody>
              {[...events].reverse().map((event, index) => (
                <tr key={`${String(event.at)}-${String(index)}`} data-kind={event.kind}>
                  <td>{formatInstant(event.at)}</td>
                  <td><MarkerSwatch kind={event.kind} /> {MARKER_STYLE[event.kind].text}</td>
                  <td>{event.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
