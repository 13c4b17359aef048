import type { IncomingAlertBody, SilenceCreateRequest } from '@xops/contracts';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ActionMessages } from '../common/action-messages';
import { useAction } from '../data/use-action';
import { matchersFromLabels, readMatcherLines } from './silence-matchers';

const DURATIONS = [['1h', '1 hour'], ['2h', '2 hours'], ['4h', '4 hours'], ['8h', '8 hours'], ['1d', '1 day'], ['3d', '3 days'], ['7d', '7 days']] as const;

/**
 * A new silence: matchers (pre-filled from an alert's labels when made from one), how long it
 * lasts or until that alert resolves, and why. Focused when it opens.
 */
export function SilenceForm({ alert, onCreate, onCancel }: {
  /** The alert it silences, or null for a blank silence. */
  readonly alert: IncomingAlertBody | null;
  readonly onCreate: (body: SilenceCreateRequest) => Promise<void>;
  readonly onCancel: () => void;
}) {
  const action = useAction();
  const [matchers, setMatchers] = useState(() => (alert === null ? '' : matchersFromLabels(alert.labels).join('\n')));
  const [end, setEnd] = useState<string>('2h');
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const first = useRef<HTMLTextAreaElement>(null);
  useEffect(() => first.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const read = readMatcherLines(matchers);
    if (!read.ok) {
      setProblem(read.error);
      return;
    }
    setProblem(null);
    const until = end === 'resolved' && alert !== null ? { untilResolved: alert.fingerprint } : { duration: end };
    await action.run(() => onCreate({ matchers: read.value, comment: comment.trim(), ...until }), { failure: 'Cannot create the silence' });
  };

  return (
    <form className="silence-form" data-testid="silence-form" aria-labelledby="silence-form-heading" onSubmit={(event) => { void submit(event); }}>
      <h3 id="silence-form-heading">{alert === null ? 'New silence' : `Silence ${alert.labels.alertname ?? alert.summary}`}</h3>
      <div className="field">
        <label htmlFor="silence-matchers">Matchers</label>
        <textarea
          id="silence-matchers" ref={first} rows={Math.max(3, matchers.split('\n').length)} spellCheck={false} value={matchers}
          onChange={(event) => setMatchers(event.target.value)} aria-describedby="silence-matchers-hint"
          aria-invalid={problem === null ? undefined : true} aria-errormessage={problem === null ? undefined : 'silence-matchers-problem'}
        />
        <p id="silence-matchers-hint" className="hint">One per line, all must match: <code>service="cart"</code>, <code>severity=~"page|critical"</code>, <code>!=</code>, <code>!~</code>. Delete the lines that are too narrow.</p>
        {problem !== null && <p id="silence-matchers-problem" className="problem" role="alert">{problem}</p>}
      </div>
      <div className="field">
        <label htmlFor="silence-end">Ends</label>
        <select id="silence-end" value={end} onChange={(event) => setEnd(event.target.value)}>
          {DURATIONS.map(([value, text]) => <option key={value} value={value}>after {text}</option>)}
          {alert !== null && alert.status === 'firing' && <option value="resolved">when this alert resolves</option>}
        </select>
      </div>
      <div className="field">
        <label htmlFor="silence-comment">Why</label>
        <input id="silence-comment" required value={comment} onChange={(event) => setComment(event.target.value)} placeholder="deploying cart v42" />
      </div>
      <div className="button-row">
        <button type="submit" disabled={action.busy || comment.trim() === ''}>Create silence</button>
        <button type="button" className="secondary" onClick={onCancel}>Cancel</button>
      </div>
      <ActionMessages action={action} />
    </form>
  );
}
