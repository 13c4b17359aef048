import type { IncidentEventBody } from '@xops/contracts';
import { formatInstant } from '../format/time-text';
import { EVENT_KIND_TEXT } from './incident-text';

/** An incident's timeline, newest first: what happened, when, and who did it. */
export function IncidentTimeline({ events, headingLevel = 2 }: { readonly events: readonly IncidentEventBody[]; readonly headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const newestFirst = events.toSorted((a, b) => Date.parse(b.at) - Date.parse(a.at) || b.id - a.id);
  return (
    <section aria-labelledby="timeline-heading" className="incident-timeline">
      <Heading id="timeline-heading">Timeline</Heading>
      <p className="muted">Newest first; {events.length} {events.length === 1 ? 'entry' : 'entries'}.</p>
      <ol data-testid="incident-timeline" data-count={events.length}>
        {newestFirst.map((event) => (
          <li key={event.id} data-kind={event.kind} className={`timeline-${event.kind}`}>
            <div className="timeline-meta">
              <time dateTime={event.at}>{formatInstant(event.at)}</time>
              {' · '}<strong>{EVENT_KIND_TEXT[event.kind]}</strong>
              {' · '}{event.actor}
              {event.public && <span className="tag">public</span>}
            </div>
            <div className="timeline-text">{event.text}</div>
          </li>
        ))}
      </ol>
    </section>
  );
}
