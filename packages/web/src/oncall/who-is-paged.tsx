import type { RouteTestResultBody } from '@xops/contracts';
import { useState, type FormEvent } from 'react';
import { ActionMessages } from '../common/action-messages';
import { useAction } from '../data/use-action';
import { useSession } from '../session/session-context';
import { readLabelText } from './label-text';
import { RouteTestResult } from './route-test-result';

/** "Who is paged if this fires now": an alert's labels, simulated through the applied routes (`POST /api/v1/routes/test`). */
export function WhoIsPaged() {
  const { client } = useSession();
  const action = useAction();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<RouteTestResultBody | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const labels = readLabelText(text);
    if (!labels.ok) {
      setProblem(labels.error);
      return;
    }
    setProblem(null);
    await action.run(async () => setResult(await client.testRoute({ labels: labels.value })), { failure: 'Cannot simulate the alert' });
  };

  return (
    <section aria-labelledby="paged-heading" data-testid="who-is-paged">
      <h2 id="paged-heading">Who is paged if this fires now</h2>
      <form className="stacked-form" onSubmit={(event) => { void submit(event); }}>
        <label htmlFor="paged-labels">The alert's labels</label>
        <textarea
          id="paged-labels" rows={3} value={text} onChange={(event) => setText(event.target.value)} spellCheck={false}
          placeholder={'service=payments\nseverity=page'} aria-describedby="paged-labels-hint"
          aria-invalid={problem === null ? undefined : true} aria-errormessage={problem === null ? undefined : 'paged-labels-problem'}
        />
        <p id="paged-labels-hint" className="hint">name=value, separated by commas, spaces or lines; quote a value with spaces. Nothing is sent to anyone: the applied routes, maintenance windows and schedules are only read.</p>
        {problem !== null && <p id="paged-labels-problem" className="problem" role="alert">{problem}</p>}
        <button type="submit" disabled={action.busy || text.trim() === ''}>Find who is paged</button>
        <ActionMessages action={action} />
      </form>
      {result !== null && <RouteTestResult result={result} />}
    </section>
  );
}
