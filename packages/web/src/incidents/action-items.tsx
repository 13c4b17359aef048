import type { ActionItemBody } from '@xops/contracts';
import { useState, type FormEvent } from 'react';
import { ActionMessages } from '../common/action-messages';
import { useAction } from '../data/use-action';
import { RoleGate } from '../session/role-gate';
import { useSession } from '../session/session-context';

/** An incident's action items: who does what by when; a responder adds them and marks them done. */
export function ActionItems({ incident, items, onChanged }: { readonly incident: string; readonly items: readonly ActionItemBody[]; readonly onChanged: () => void }) {
  const { client } = useSession();
  const action = useAction();
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await action.run(() => client.addActionItem(incident, { title: title.trim(), owner: owner.trim(), due }), {
      failure: 'Cannot add the action item', success: 'Action item added.',
    });
    if (ok) {
      setTitle('');
      setOwner('');
      setDue('');
      onChanged();
    }
  };
  const setStatus = async (item: ActionItemBody, status: ActionItemBody['status']) => {
    const ok = await action.run(() => client.updateActionItem(incident, item.id, { status }), {
      failure: `Cannot update "${item.title}"`, success: `"${item.title}" is ${status}.`,
    });
    if (ok) onChanged();
  };

  return (
    <section aria-labelledby="action-items-heading" data-testid="action-items">
      <h2 id="action-items-heading">Action items</h2>
      {items.length === 0 ? <p className="muted">No action item yet.</p> : (
        <div className="table-scroll" role="region" aria-label="Action items, table" tabIndex={0}>
          <table className="compact-table">
            <thead>
              <tr><th scope="col">What</th><th scope="col">Owner</th><th scope="col">Due</th><th scope="col">Status</th><RoleGate needs="responder"><th scope="col"><span className="visually-hidden">Change</span></th></RoleGate></tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id} data-testid="action-item" data-status={item.status}>
                  <th scope="row">{item.title}</th>
                  <td>{item.owner}</td>
                  <td>{item.due}{item.overdue && <span className="tag tag-bad">overdue</span>}</td>
                  <td>{item.status === 'done' ? 'Done' : 'Open'}</td>
                  <RoleGate needs="responder">
                    <td>
                      <button type="button" className="secondary" disabled={action.busy} aria-label={`${item.status === 'done' ? 'Reopen' : 'Mark done'}: ${item.title}`}
                        onClick={() => { void setStatus(item, item.status === 'done' ? 'open' : 'done'); }}>
                        {item.status === 'done' ? 'Reopen' : 'Mark done'}
                      </button>
                    </td>
                  </RoleGate>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <RoleGate needs="responder">
        <form className="inline-form" aria-label="Add an action item" onSubmit={(event) => { void add(event); }}>
          <div>
            <label htmlFor="item-title">What</label>
            <input id="item-title" required value={title} onChange={(event) => setTitle(event.target.value)} placeholder="Alert on provider latency" />
          </div>
          <div>
            <label htmlFor="item-owner">Owner</label>
            <input id="item-owner" required value={owner} onChange={(event) => setOwner(event.target.value)} placeholder="ana" />
          </div>
          <div>
            <label htmlFor="item-due">Due</label>
            <input id="item-due" type="date" required value={due} onChange={(event) => setDue(event.target.value)} />
          </div>
          <button type="submit" disabled={action.busy || title.trim() === '' || owner.trim() === '' || due === ''}>Add action item</button>
        </form>
      </RoleGate>
      <ActionMessages action={action} />
    </section>
  );
}
