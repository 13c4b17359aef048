import { useCallback } from 'react';
import { ProblemMessage } from '../common/problem-message';
import { useDocumentTitle } from '../common/use-document-title';
import { usePolling } from '../data/use-polling';
import { Link } from '../router/link';
import { fillPath } from '../router/match-path';
import type { PageProps } from '../routes';
import { RoleGate } from '../session/role-gate';
import { useSession } from '../session/session-context';
import { IncidentActions } from './incident-actions';
import { IncidentFacts } from './incident-facts';
import { IncidentLinksSection } from './incident-links';
import { IncidentRoles } from './incident-roles';
import { IncidentTimeline } from './incident-timeline';
import { loadIncidentLinks } from './load-incident-links';
import { StateBadge } from './state-badge';
import { TextActionForm } from './text-action-form';
import './incidents.css';

/** The timeline refreshes this often, ms: responders watch it during an incident. */
const INCIDENT_REFRESH_MS = 5000;
const LINKS_REFRESH_MS = 30_000;

/**
 * One incident (issue 6, item 4): its state and timeline (refreshed every 5 s), roles, alerts and
 * SLOs, and a responder's actions: acknowledge, mitigate, resolve, notes, roles, public updates.
 */
export function IncidentPage({ params }: PageProps) {
  const ref = params.ref ?? '';
  const { client } = useSession();
  const loadIncident = useCallback(() => client.getIncident(ref), [client, ref]);
  const { data: incident, error, refresh } = usePolling(loadIncident, INCIDENT_REFRESH_MS);
  useDocumentTitle(incident === undefined ? `Incident ${ref}` : `Incident #${String(incident.number)}`);

  const id = incident?.id;
  const services = incident?.services.join('\n');
  const loadLinks = useCallback(
    async () => (id === undefined || services === undefined ? undefined : loadIncidentLinks(client, { id, services: services === '' ? [] : services.split('\n') })),
    [client, id, services],
  );
  const links = usePolling(loadLinks, LINKS_REFRESH_MS);

  if (incident === undefined) {
    return (
      <>
        <h1>Incident {ref}</h1>
        {error !== undefined ? <ProblemMessage error={error} what="the incident" /> : <p className="page-status" role="status">Loading…</p>}
      </>
    );
  }
  return (
    <>
      <div className="page-head">
        <h1>Incident #{incident.number} {incident.title}</h1>
        <p className="muted"><Link to="/incidents">All incidents</Link></p>
      </div>
      <p className="incident-status">
        <StateBadge state={incident.state} testId="incident-state" />{' '}
        <span className={`severity severity-${incident.severity.toLowerCase()}`} data-testid="incident-severity">{incident.severity}</span>
      </p>
      {error !== undefined && <ProblemMessage error={error} what="the latest state of the incident" />}
      <div className="incident-grid">
        <div>
          <RoleGate needs="responder">
            <section aria-labelledby="actions-heading">
              <h2 id="actions-heading">Respond</h2>
              <IncidentActions incident={incident} onChanged={refresh} />
              <TextActionForm
                label="Note" button="Add note" testId="note-form" failure="Cannot add the note" success="Note added."
                hint="Notes stay on the timeline; the status page does not show them."
                onSend={async (text) => { await client.addIncidentNote(incident.id, text); refresh(); }}
              />
              <TextActionForm
                label="Public update" button="Post public update" testId="public-update-form" failure="Cannot post the update" success="Update posted."
                hint="Shown on the public status page (/status) and on the timeline."
                onSend={async (text) => { await client.postIncidentUpdate(incident.id, { text, public: true }); refresh(); }}
              />
            </section>
          </RoleGate>
          <IncidentTimeline events={incident.timeline} />
        </div>
        <div>
          <section aria-labelledby="facts-heading">
            <h2 id="facts-heading">Details</h2>
            <IncidentFacts incident={incident} />
          </section>
          <IncidentRoles incident={incident} onChanged={refresh} />
          <IncidentLinksSection incident={incident} links={links.data} />
          <section aria-labelledby="postmortem-heading">
            <h2 id="postmortem-heading">Postmortem</h2>
            {incident.postmortem === null && incident.state !== 'resolved' && <p className="muted">Drafted by xops once the incident is resolved.</p>}
            {(incident.postmortem !== null || incident.state === 'resolved') && (
              <p>
                {incident.postmortem !== null && <>Status: {incident.postmortem.status}. </>}
                {incident.openActionItems > 0 && <>{incident.openActionItems} open action item{incident.openActionItems === 1 ? '' : 's'}. </>}
                <Link to={fillPath('/incidents/:ref/postmortem', { ref: String(incident.number) })}>Open the postmortem</Link>
              </p>
            )}
          </section>
        </div>
      </div>
    </>
  );
}
