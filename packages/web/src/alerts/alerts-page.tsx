import type { IncomingAlertBody, SilenceCreateRequest } from '@xops/contracts';
import { useCallback, useMemo, useState } from 'react';
import { ProblemMessage } from '../common/problem-message';
import { usePolling } from '../data/use-polling';
import { formatInstant } from '../format/time-text';
import { RoleGate } from '../session/role-gate';
import { useSession } from '../session/session-context';
import { AlertGroupList } from './alert-group-list';
import { groupAlerts } from './alert-groups';
import { loadAlerts } from './load-alerts';
import { PendingSloAlerts } from './pending-slo-alerts';
import { SilenceForm } from './silence-form';
import { SilenceList } from './silence-list';
import './alerts.css';

const ALERTS_REFRESH_MS = 10_000;

/** What the silence form is open for: nothing, a blank silence, or one alert. */
type Silencing = { readonly kind: 'closed' } | { readonly kind: 'new'; readonly alert: IncomingAlertBody | null; readonly round: number };

/**
 * Alerts (issue 6, item 6): incoming alerts grouped as routing grouped them, firing, pending and
 * muted; SLO alerts about to fire; and the silences, created from an alert or blank, and expired.
 */
export function AlertsPage() {
  const { client } = useSession();
  const load = useCallback(() => loadAlerts(client), [client]);
  const { data, error, loadedAt, refresh } = usePolling(load, ALERTS_REFRESH_MS);
  const [showResolved, setShowResolved] = useState(false);
  const [silencing, setSilencing] = useState<Silencing>({ kind: 'closed' });
  const [note, setNote] = useState<string | null>(null);

  const groups = useMemo(() => groupAlerts((data?.incoming ?? []).filter((alert) => showResolved || alert.status === 'firing')), [data, showResolved]);
  const firing = (data?.incoming ?? []).filter((alert) => alert.status === 'firing').length;

  const open = (alert: IncomingAlertBody | null) => {
    setNote(null);
    setSilencing((previous) => ({ kind: 'new', alert, round: previous.kind === 'new' ? previous.round + 1 : 0 }));
  };
  const create = async (body: SilenceCreateRequest) => {
    const silence = await client.createSilence(body);
    setSilencing({ kind: 'closed' });
    setNote(`Silence created (${silence.state}): ${silence.matchers.join(', ')}.`);
    refresh();
  };

  return (
    <>
      <div className="page-head">
        <h1>Alerts</h1>
        {loadedAt !== undefined && <p className="muted">Updated {formatInstant(loadedAt)}, refreshes every 10 s</p>}
      </div>
      {error !== undefined && <ProblemMessage error={error} what="alerts" />}
      {data === undefined && error === undefined && <p className="page-status" role="status">Loading…</p>}
      {data !== undefined && (
        <>
          <section aria-labelledby="groups-heading">
            <h2 id="groups-heading">Incoming alerts, grouped as routed</h2>
            <div className="field-inline">
              <input id="show-resolved" type="checkbox" checked={showResolved} onChange={(event) => setShowResolved(event.target.checked)} />
              <label htmlFor="show-resolved">Show resolved alerts</label>
            </div>
            <p className="muted" role="status">{firing} firing of the latest {data.incoming.length} alerts; {groups.length} group{groups.length === 1 ? '' : 's'} shown.</p>
            {groups.length === 0 ? (
              <p className="empty" data-testid="alert-groups" data-count={0}>
                No alert is firing. Alertmanager sends to <code>/api/v1/integrations/alertmanager</code>; SLO burn-rate alerts arrive on their own.
              </p>
            ) : <AlertGroupList groups={groups} onSilence={open} />}
          </section>
          <section aria-labelledby="pending-heading">
            <h2 id="pending-heading">SLO alerts about to fire</h2>
            {data.pendingSlo.ok ? <PendingSloAlerts alerts={data.pendingSlo.value} /> : <ProblemMessage error={data.pendingSlo.error} what="pending SLO alerts" />}
          </section>
          <section aria-labelledby="silences-heading">
            <h2 id="silences-heading">Silences</h2>
            <RoleGate needs="responder">
              {silencing.kind === 'closed' && <button type="button" className="secondary" onClick={() => open(null)}>New silence</button>}
              {silencing.kind === 'new' && (
                <SilenceForm key={`${silencing.alert?.id ?? 'blank'}-${String(silencing.round)}`} alert={silencing.alert} onCreate={create} onCancel={() => setSilencing({ kind: 'closed' })} />
              )}
            </RoleGate>
            {note !== null && <p className="action-done" role="status">{note}</p>}
            {data.silences.ok ? <SilenceList silences={data.silences.value} onChanged={() => { setNote(null); refresh(); }} /> : <ProblemMessage error={data.silences.error} what="silences" />}
          </section>
        </>
      )}
    </>
  );
}
