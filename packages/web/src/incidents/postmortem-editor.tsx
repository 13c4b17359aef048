import { postmortemStatusSchema, roleAllows, type PostmortemBody, type PostmortemUpdateRequest } from '@xops/contracts';
import { useId, useState, type FormEvent } from 'react';
import { ActionMessages } from '../common/action-messages';
import { useAction } from '../data/use-action';
import { useSession } from '../session/session-context';

type Factor = PostmortemBody['contributingFactors'][number];

const STATUS_TEXT = { draft: 'Draft', 'in-review': 'In review', published: 'Published' } as const;

/**
 * The postmortem's editable sections (summary, contributing factors, status), saved together with
 * `PUT …/postmortem`. Read-only for a viewer.
 */
export function PostmortemEditor({ postmortem, onSave }: { readonly postmortem: PostmortemBody; readonly onSave: (body: PostmortemUpdateRequest) => Promise<void> }) {
  const { role } = useSession();
  const editable = roleAllows(role, 'responder');
  const action = useAction();
  const [summary, setSummary] = useState(postmortem.summary);
  const [factors, setFactors] = useState<readonly Factor[]>(postmortem.contributingFactors);
  const [status, setStatus] = useState(postmortem.status);
  const changed = summary !== postmortem.summary || status !== postmortem.status
    || JSON.stringify(factors) !== JSON.stringify(postmortem.contributingFactors);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const contributingFactors = factors.filter((factor) => factor.question.trim() !== '');
    await action.run(() => onSave({ summary, contributingFactors, status }), { failure: 'Cannot save the postmortem', success: 'Postmortem saved.' });
  };
  const setFactor = (index: number, next: Factor) => setFactors(factors.map((factor, at) => (at === index ? next : factor)));

  if (!editable) {
    return (
      <section aria-labelledby="pm-summary-heading">
        <h2 id="pm-summary-heading">Summary</h2>
        <p>Status: {STATUS_TEXT[postmortem.status]}</p>
        <p className="prewrap">{postmortem.summary === '' ? <span className="muted">No summary yet.</span> : postmortem.summary}</p>
        <h2>Contributing factors</h2>
        <dl>
          {postmortem.contributingFactors.map((factor, index) => (
            <div key={index}><dt>{factor.question}</dt><dd className="prewrap">{factor.answer === '' ? '–' : factor.answer}</dd></div>
          ))}
        </dl>
      </section>
    );
  }
  return (
    <form className="postmortem-form" data-testid="postmortem-editor" onSubmit={(event) => { void save(event); }} aria-label="Edit the postmortem">
      <h2 id="pm-summary-heading">Summary</h2>
      <div className="field">
        <label htmlFor="pm-status">Status</label>
        <select id="pm-status" value={status} onChange={(event) => setStatus(postmortemStatusSchema.parse(event.target.value))}>
          {postmortemStatusSchema.options.map((option) => <option key={option} value={option}>{STATUS_TEXT[option]}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="pm-summary">Summary</label>
        <textarea id="pm-summary" rows={8} value={summary} onChange={(event) => setSummary(event.target.value)} />
      </div>
      <h2>Contributing factors</h2>
      <p className="hint">Ask about the system, not about people: what made this possible, what made it worse, what helped.</p>
      {factors.map((factor, index) => (
        <FactorFields key={index} index={index} factor={factor} onChange={(next) => setFactor(index, next)}
          onRemove={() => setFactors(factors.filter((_factor, at) => at !== index))} />
      ))}
      <div className="button-row">
        <button type="button" className="secondary" onClick={() => setFactors([...factors, { question: '', answer: '' }])}>Add a factor</button>
        <button type="submit" disabled={action.busy || !changed}>Save postmortem</button>
      </div>
      <ActionMessages action={action} />
    </form>
  );
}

function FactorFields({ index, factor, onChange, onRemove }: { readonly index: number; readonly factor: Factor; readonly onChange: (factor: Factor) => void; readonly onRemove: () => void }) {
  const id = useId();
  return (
    <fieldset className="factor">
      <legend>Factor {index + 1}</legend>
      <div className="field">
        <label htmlFor={`${id}-q`}>Question</label>
        <input id={`${id}-q`} value={factor.question} onChange={(event) => onChange({ ...factor, question: event.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-a`}>Answer</label>
        <textarea id={`${id}-a`} rows={3} value={factor.answer} onChange={(event) => onChange({ ...factor, answer: event.target.value })} />
      </div>
      <button type="button" className="link-button" onClick={onRemove}>Remove factor {index + 1}</button>
    </fieldset>
  );
}
