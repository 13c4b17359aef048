import type { PostmortemBody, PostmortemUpdateRequest } from '@xops/contracts';
import { useCallback, useState } from 'react';
import { ProblemMessage } from '../common/problem-message';
import { useDocumentTitle } from '../common/use-document-title';
import { usePolling } from '../data/use-polling';
import { formatInstant } from '../format/time-text';
import { Link } from '../router/link';
import { fillPath } from '../router/match-path';
import type { PageProps } from '../routes';
import { useSession } from '../session/session-context';
import { ActionItems } from './action-items';
import { ImpactTable } from './impact-table';
import { IncidentTimeline } from './incident-timeline';
import { PostmortemEditor } from './postmortem-editor';
import './incidents.css';

/** A resolved incident's postmortem (issue 6, item 4): the draft's sections to edit and save, its impact, action items and timeline. */
export function PostmortemPage({ params }: PageProps) {
  const ref = params.ref ?? '';
  useDocumentTitle(`Postmortem of incident ${ref}`);
  const { client } = useSession();
  const load = useCallback(() => client.getPostmortem(ref), [client, ref]);
  const { data, error, refresh } = usePolling(load, null);
  // What the last save answered, shown until a load as new comes back.
  const [saved, setSaved] = useState<PostmortemBody | undefined>(undefined);
  const postmortem = saved !== undefined && (data === undefined || saved.updatedAt > data.updatedAt) ? saved : data;

  const save = async (body: PostmortemUpdateRequest) => {
    setSaved(await client.updatePostmortem(ref, body));
    refresh();
  };

  if (postmortem === undefined) {
    return (
      <>
        <h1>Postmortem of incident {ref}</h1>
        {error !== undefined ? <ProblemMessage error={error} what="the postmortem" /> : <p className="page-status" role="status">Loading…</p>}
        <p><Link to={fillPath('/incidents/:ref', { ref })}>Back to the incident</Link></p>
      </>
    );
  }
  const { incident } = postmortem;
  return (
    <>
      <div className="page-head">
        <h1>Postmortem of incident #{incident.number} {incident.title}</h1>
        <p className="muted">
          <Link to={fillPath('/incidents/:ref', { ref: String(incident.number) })}>Back to the incident</Link>
          {' · '}last saved {formatInstant(postmortem.updatedAt)} by {postmortem.updatedBy}
          {' · '}{postmortem.complete ? 'complete' : 'action items open'}
        </p>
      </div>
      <div className="postmortem-grid">
        <div>
          <PostmortemEditor postmortem={postmortem} onSave={save} />
          <ImpactTable impact={postmortem.impact} />
        </div>
        <div>
          <ActionItems incident={incident.id} items={postmortem.actionItems} onChanged={refresh} />
          <IncidentTimeline events={postmortem.timeline} />
        </div>
      </div>
    </>
  );
}
