import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ActionMessages } from '../common/action-messages';
import { useAction } from '../data/use-action';
import { fromLocalInput, toLocalInput } from '../replay/local-time-input';
import type { Span } from './calendar-days';
import type { NewOverride } from './add-override';
import type { TeamMember } from './team-members';

/**
 * The override to add at a picked slot: who takes it, from when (the slot's start) to when (its
 * end unless changed), in the browser's time zone. Focused when it opens.
 */
export function OverrideForm({ schedule, slot, members, onSubmit, onCancel }: {
  readonly schedule: string;
  readonly slot: Span;
  /** The Team's members; empty when the Team cannot be read (the person is typed then). */
  readonly members: readonly TeamMember[];
  readonly onSubmit: (override: NewOverride) => Promise<void>;
  readonly onCancel: () => void;
}) {
  const action = useAction();
  const [user, setUser] = useState('');
  const [from, setFrom] = useState(() => toLocalInput(slot.from));
  const [to, setTo] = useState(() => toLocalInput(slot.to));
  const first = useRef<HTMLSelectElement & HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const start = fromLocalInput(from);
    const end = fromLocalInput(to);
    await action.run(async () => {
      if (start === undefined || end === undefined) throw new Error('give a start and an end');
      await onSubmit({ user, from: start, to: end });
    }, { failure: 'Cannot add the override' });
  };

  return (
    <form className="override-form" data-testid="override-form" aria-labelledby="override-heading" onSubmit={(event) => { void submit(event); }}>
      <h3 id="override-heading">New override on {schedule}</h3>
      <div>
        <label htmlFor="override-user">Person on call</label>
        {members.length > 0 ? (
          <select id="override-user" ref={first} required value={user} onChange={(event) => setUser(event.target.value)}>
            <option value="" disabled>Pick a person</option>
            {members.map((member) => <option key={member.name} value={member.name}>{member.displayName === null ? member.name : `${member.displayName} (${member.name})`}</option>)}
          </select>
        ) : (
          <input id="override-user" ref={first} required value={user} onChange={(event) => setUser(event.target.value)} placeholder="ana" />
        )}
      </div>
      <div>
        <label htmlFor="override-from">Start</label>
        <input id="override-from" type="datetime-local" required value={from} onChange={(event) => setFrom(event.target.value)} />
      </div>
      <div>
        <label htmlFor="override-to">End</label>
        <input id="override-to" type="datetime-local" required value={to} onChange={(event) => setTo(event.target.value)} />
      </div>
      <div className="button-row">
        <button type="submit" disabled={action.busy || user === ''}>Create override</button>
        <button type="button" className="secondary" onClick={onCancel}>Cancel</button>
      </div>
      <ActionMessages action={action} />
    </form>
  );
}
