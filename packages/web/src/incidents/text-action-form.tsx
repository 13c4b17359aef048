import { useId, useState, type FormEvent } from 'react';
import { ActionMessages } from '../common/action-messages';
import { useAction } from '../data/use-action';

/**
 * A text box and a button that sends its text (a note, a public update); the text is kept when
 * the call fails and cleared when it succeeds.
 */
export function TextActionForm({ label, button, hint, failure, success, testId, onSend }: {
  readonly label: string;
  readonly button: string;
  readonly hint?: string;
  readonly failure: string;
  readonly success: string;
  readonly testId: string;
  readonly onSend: (text: string) => Promise<unknown>;
}) {
  const id = useId();
  const action = useAction();
  const [text, setText] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await action.run(() => onSend(text.trim()), { failure, success })) setText('');
  };
  return (
    <form className="stacked-form" data-testid={testId} onSubmit={(event) => { void submit(event); }}>
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={3} value={text} onChange={(event) => setText(event.target.value)} aria-describedby={hint === undefined ? undefined : `${id}-hint`} />
      {hint !== undefined && <p id={`${id}-hint`} className="hint">{hint}</p>}
      <button type="submit" disabled={action.busy || text.trim() === ''}>{button}</button>
      <ActionMessages action={action} />
    </form>
  );
}
