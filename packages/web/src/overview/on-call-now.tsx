import type { OnCallBody } from '@xops/contracts';
import { ProblemMessage } from '../common/problem-message';
import { formatInstant } from '../format/time-text';
import type { Part } from '../data/part';

/** Who is on call now for every schedule, until when, and the gaps where nobody is. */
export function OnCallNow({ onCall }: { readonly onCall: Part<OnCallBody> }) {
  return (
    <section aria-labelledby="oncall-heading" data-testid="on-call-now">
      <h2 id="oncall-heading">On call now</h2>
      {!onCall.ok && <ProblemMessage error={onCall.error} what="who is on call" />}
      {onCall.ok && onCall.value.schedules.length === 0 && (
        <p className="muted">No schedule yet: apply one, e.g. <code>npx xops apply -f examples/oncall/</code>.</p>
      )}
      {onCall.ok && onCall.value.schedules.length > 0 && (
        <ul className="card-list">
          {onCall.value.schedules.map((entry) => (
            <li key={entry.schedule}>
              <div><strong>{entry.onCall === null ? 'Nobody' : entry.onCall.displayName ?? entry.onCall.name}</strong></div>
              <div className="muted">
                {entry.schedule}{entry.team !== null && <> ({entry.team})</>}
                {entry.until !== null && <> · until {formatInstant(entry.until)}</>}
              </div>
              {entry.problem !== null && <div className="problem">{entry.problem}</div>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
