import { roleAllows, type ReplayResultBody, type StoredObject } from '@xops/contracts';
import { useCallback, useEffect, useState } from 'react';
import { ProblemMessage } from '../common/problem-message';
import { problemText } from '../common/problem-text';
import { usePolling } from '../data/use-polling';
import { useLocation } from '../router/navigation';
import { chooseStep } from '../slo/time-range';
import { useSession } from '../session/session-context';
import { fromLocalInput, periodEndingNow } from './local-time-input';
import { parseSloDocument } from './parse-slo-document';
import { ReplayForm, type ReplayFormValue } from './replay-form';
import { ApplyChange } from './apply-change';
import { ReplayResults } from './replay-results';

/** Points per replay: enough for a smooth line, far under the API's 11 000. */
const REPLAY_POINTS = 500;

type Outcome = { readonly applied: ReplayResultBody; readonly changed: ReplayResultBody | null; readonly document: Record<string, unknown> | null; readonly text: string };

/**
 * Replay (issue 6, item 3): an SLO over a past period as applied and as changed in the page, side
 * by side, before applying the change (`POST /api/v1/replay`, editor).
 */
export function ReplayPage() {
  const { client, role } = useSession();
  const { search } = useLocation();
  const [form, setForm] = useState<ReplayFormValue>(() => ({ slo: search.get('slo') ?? '', ...periodEndingNow(86_400_000), text: '' }));
  const [applied, setApplied] = useState<StoredObject | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [applyNote, setApplyNote] = useState<string | null>(null);
  const loadSlos = useCallback(() => client.listObjects('slos'), [client]);
  const slos = usePolling(loadSlos, null);

  // Picking an SLO loads its YAML as applied into the editor.
  useEffect(() => {
    if (form.slo === '') return;
    let cancelled = false;
    client.getObject('slos', form.slo).then((object) => {
      if (cancelled) return;
      setApplied(object);
      setForm((previous) => ({ ...previous, text: object.sourceText }));
    }, (error: unknown) => {
      if (!cancelled) setProblem(`Cannot load SLO ${form.slo}: ${problemText(error)}`);
    });
    return () => { cancelled = true; };
  }, [client, form.slo]);

  if (!roleAllows(role, 'editor')) {
    return (
      <>
        <h1>Replay</h1>
        <p>Replaying an SLO needs an <strong>editor</strong> or <strong>admin</strong> token; yours is a {role} token.</p>
      </>
    );
  }

  const run = async () => {
    const from = fromLocalInput(form.from);
    const to = fromLocalInput(form.to);
    if (from === undefined || to === undefined || from >= to) return setProblem('Pick a period whose start comes before its end.');
    const edited = applied !== undefined && form.text !== applied.sourceText;
    const parsed = edited ? parseSloDocument(form.text) : undefined;
    if (parsed !== undefined && !parsed.ok) return setProblem(parsed.problem);
    const request = { from, to, step: chooseStep(to - from, REPLAY_POINTS).text };
    setBusy(true);
    setProblem(null);
    setApplyNote(null);
    try {
      const [stored, changed] = await Promise.all([
        client.replay({ ...request, slo: form.slo }),
        parsed?.ok ? client.replay({ ...request, slo: parsed.name, document: parsed.document }) : Promise.resolve(null),
      ]);
      setOutcome({ applied: stored, changed, document: parsed?.ok ? parsed.document : null, text: form.text });
    } catch (error) {
      setProblem(`The replay failed: ${problemText(error)}`);
    } finally {
      setBusy(false);
    }
  };

  const apply = async (document: Record<string, unknown>, text: string) => {
    try {
      const result = await client.apply({ documents: [{ object: document, source: { file: 'dashboard (replay)', line: 1, text } }] });
      setApplyNote(result.results.map((entry) => `${entry.kind} ${entry.name} ${entry.action} (revision ${String(entry.revision)})`).join('; '));
      const object = await client.getObject('slos', form.slo);
      setApplied(object);
    } catch (error) {
      setApplyNote(`Not applied: ${problemText(error)}`);
    }
  };

  const changedDocument = outcome?.document ?? null;
  return (
    <>
      <h1>Replay</h1>
      <p className="lead">See when alerts would have fired and how much budget a change would have spent, over history already stored, before applying it.</p>
      {slos.error !== undefined && <ProblemMessage error={slos.error} what="the SLOs" />}
      {slos.data !== undefined && slos.data.length === 0 && <p>No SLO to replay yet: apply one with <code>npx xops apply -f examples/</code>.</p>}
      {slos.data !== undefined && slos.data.length > 0 && (
        <ReplayForm slos={slos.data} value={form} applied={applied?.sourceText} busy={busy} onChange={setForm} onSubmit={() => { void run(); }} />
      )}
      {problem !== null && <p className="problem" role="alert">{problem}</p>}
      {outcome !== null && <ReplayResults applied={outcome.applied} changed={outcome.changed} />}
      {outcome !== null && changedDocument !== null && (
        <ApplyChange onApply={() => apply(changedDocument, outcome.text)} note={applyNote} />
      )}
    </>
  );
}
