import type { IncidentViewBody } from '@xops/contracts';
import { useState } from 'react';
import { ProblemMessage } from '../common/problem-message';
import { problemText } from '../common/problem-text';
import { formatAgo } from '../format/time-text';
import { Link } from '../router/link';
import { fillPath } from '../router/match-path';
import { RoleGate } from '../session/role-gate';
import { useSession } from '../session/session-context';
import type { Part } from '../data/part';

/** Open incidents, newest first; a responder can acknowledge a triggered one from here. */
export function OpenIncidents({ incidents, now, onChanged }: { readonly incidents: Part<readonly IncidentViewBody[]>; readonly now: number; readonly onChanged: () => void }) {
  const { client } = useSession();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const acknowledge = async (incident: IncidentViewBody) => {
    setBusy(incident.id);
    try {
      await client.changeIncidentState(incident.id, 'acknowledge');
      setProblem(null);
      onChanged();
    } catch (error) {
      setProblem(`Cannot acknowledge #${String(incident.number)}: ${problemText(error)}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section aria-labelledby="incidents-heading" data-testid="open-incidents">
      <h2 id="incidents-heading">Open incidents</h2>
      {!incidents.ok && <ProblemMessage error={incidents.error} what="incidents" />}
      {incidents.ok && incidents.value.length === 0 && <p className="muted">No open incident.</p>}
      {problem !== null && <p className="problem" role="alert">{problem}</p>}
      {incidents.ok && incidents.value.length > 0 && (
        <ul className="card-list">
          {incidents.value.map((incident) => (
            <li key={incident.id} data-testid="incident" data-number={incident.number}>
              <div>
                <span className={`severity severity-${incident.severity.toLowerCase()}`}>{incident.severity}</span>
                {' '}<strong><Link to={fillPath('/incidents/:ref', { ref: String(incident.number) })}>#{incident.number} {incident.title}</Link></strong>
              </div>
              <div className="muted">
                {incident.state} · opened {formatAgo(incident.createdAt, now)}
                {incident.services.length > 0 && <> · {incident.services.join(', ')}</>}
              </div>
              {incident.state === 'triggered' && (
                <RoleGate needs="responder">
                  <button type="button" disabled={busy === incident.id} onClick={() => { void acknowledge(incident); }}>
                    Acknowledge #{incident.number}
                  </button>
                </RoleGate>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
