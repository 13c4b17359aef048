import { incidentSeveritySchema, type IncidentViewBody } from '@xops/contracts';
import { useState } from 'react';
import { ActionMessages } from '../common/action-messages';
import { useAction } from '../data/use-action';
import { useSession } from '../session/session-context';
import { STATE_ACTION_TEXT, stateActions, type StateAction } from './state-actions';

/** Acknowledge, mitigate, resolve (those that move the state forward), and the severity. */
export function IncidentActions({ incident, onChanged }: { readonly incident: IncidentViewBody; readonly onChanged: () => void }) {
  const { client } = useSession();
  const action = useAction();
  const [severity, setSeverity] = useState(incident.severity);
  const ref = incident.id;
  const label = `#${String(incident.number)}`;

  const change = async (kind: StateAction) => {
    const ok = await action.run(() => client.changeIncidentState(ref, kind), {
      failure: `Cannot ${kind} ${label}`, success: `${STATE_ACTION_TEXT[kind]}: done.`,
    });
    if (ok) onChanged();
  };
  const changeSeverity = async () => {
    const ok = await action.run(() => client.setIncidentSeverity(ref, severity), { failure: `Cannot change the severity of ${label}`, success: `Severity is ${severity}.` });
    if (ok) onChanged();
  };
  const actions = stateActions(incident.state);

  return (
    <div className="incident-actions" data-testid="incident-actions">
      {actions.length > 0 && (
        <div className="button-row">
          {actions.map((kind) => (
            <button key={kind} type="button" disabled={action.busy} onClick={() => { void change(kind); }}>{STATE_ACTION_TEXT[kind]}</button>
          ))}
        </div>
      )}
      <form className="field-inline" onSubmit={(event) => { event.preventDefault(); void changeSeverity(); }}>
        <label htmlFor="incident-severity-change">Severity</label>
        <select id="incident-severity-change" value={severity} onChange={(event) => setSeverity(incidentSeveritySchema.parse(event.target.value))}>
          {incidentSeveritySchema.options.map((option) => <option key={option} value={option}>{option}</option>)}
        </select>
        <button type="submit" className="secondary" disabled={action.busy || severity === incident.severity}>Change severity</button>
      </form>
      <ActionMessages action={action} />
    </div>
  );
}
