import type { OnCallBody } from '@xops/contracts';
import { ProblemMessage } from '../common/problem-message';
import type { Part } from '../data/part';
import { OnCallEntry } from '../oncall/on-call-entry';

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
          {onCall.value.schedules.map((entry) => <OnCallEntry key={entry.schedule} entry={entry} />)}
        </ul>
      )}
    </section>
  );
}
