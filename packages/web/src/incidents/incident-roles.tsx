import { incidentRoleSchema, type IncidentViewBody } from '@xops/contracts';
import { useState, type FormEvent } from 'react';
import { ActionMessages } from '../common/action-messages';
import { useAction } from '../data/use-action';
import { RoleGate } from '../session/role-gate';
import { useSession } from '../session/session-context';
import { ROLE_TEXT } from './incident-text';

/** Who holds each incident role; a responder assigns or clears them. */
export function IncidentRoles({ incident, onChanged }: { readonly incident: IncidentViewBody; readonly onChanged: () => void }) {
  const { client } = useSession();
  const action = useAction();
  const [role, setRole] = useState<keyof typeof ROLE_TEXT>('commander');
  const [person, setPerson] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const who = person.trim();
    const ok = await action.run(() => client.assignIncidentRole(incident.id, role, who === '' ? null : who), {
      failure: `Cannot assign the ${role} role`, success: who === '' ? `${ROLE_TEXT[role]} is unassigned.` : `${ROLE_TEXT[role]} is ${who}.`,
    });
    if (ok) {
      setPerson('');
      onChanged();
    }
  };

  return (
    <section aria-labelledby="roles-heading">
      <h2 id="roles-heading">Roles</h2>
      <dl className="roles" data-testid="incident-roles">
        {incidentRoleSchema.options.map((name) => (
          <div key={name}><dt>{ROLE_TEXT[name]}</dt><dd data-role={name}>{incident.roles[name] ?? <span className="muted">unassigned</span>}</dd></div>
        ))}
      </dl>
      <RoleGate needs="responder">
        <form className="inline-form" onSubmit={(event) => { void submit(event); }} aria-label="Assign a role">
          <div>
            <label htmlFor="assign-role">Role</label>
            <select id="assign-role" value={role} onChange={(event) => setRole(incidentRoleSchema.parse(event.target.value))}>
              {incidentRoleSchema.options.map((name) => <option key={name} value={name}>{ROLE_TEXT[name]}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="assign-person">Person</label>
            <input id="assign-person" value={person} onChange={(event) => setPerson(event.target.value)} placeholder="ana" aria-describedby="assign-person-hint" />
          </div>
          <button type="submit" disabled={action.busy}>Assign role</button>
          <p id="assign-person-hint" className="hint">Leave the person empty to unassign the role.</p>
        </form>
        <ActionMessages action={action} />
      </RoleGate>
    </section>
  );
}
