import { useCallback, useState } from 'react';
import { ProblemMessage } from '../common/problem-message';
import { usePolling } from '../data/use-polling';
import { navigate, useLocation } from '../router/navigation';
import { useSession } from '../session/session-context';
import { ScheduleCalendar } from './schedule-calendar';
import { OnCallEntry } from './on-call-entry';
import { WhoIsPaged } from './who-is-paged';
import './oncall.css';

const NOW_REFRESH_MS = 30_000;

/**
 * On call (issue 6, item 5): who is on call now, each schedule's final schedule as a week or month
 * calendar with overrides added by picking a slot, and who an alert would page if it fired now.
 */
export function OnCallPage() {
  const { client } = useSession();
  const { search } = useLocation();
  const loadNow = useCallback(() => client.whoIsOnCall(), [client]);
  const now = usePolling(loadNow, NOW_REFRESH_MS);
  const schedules = now.data?.schedules ?? [];
  const wanted = search.get('schedule');
  const [picked, setPicked] = useState<string | null>(wanted);
  const schedule = schedules.find((entry) => entry.schedule === picked)?.schedule ?? schedules[0]?.schedule;

  const choose = (name: string) => {
    setPicked(name);
    navigate(`/oncall?schedule=${encodeURIComponent(name)}`, { replace: true });
  };

  return (
    <>
      <h1>On call</h1>
      {now.error !== undefined && <ProblemMessage error={now.error} what="who is on call" />}
      {now.data === undefined && now.error === undefined && <p className="page-status" role="status">Loading…</p>}
      {now.data !== undefined && schedules.length === 0 && (
        <p className="empty">No schedule yet. Apply a Team, a Schedule and an EscalationPolicy, e.g. <code>npx xops apply -f examples/oncall/</code>.</p>
      )}
      {schedules.length > 0 && (
        <section aria-labelledby="now-heading">
          <h2 id="now-heading">Now</h2>
          <ul className="card-list now-list" data-testid="on-call-now">
            {schedules.map((entry) => <OnCallEntry key={entry.schedule} entry={entry} />)}
          </ul>
        </section>
      )}
      {schedule !== undefined && (
        <section aria-labelledby="schedule-heading">
          <h2 id="schedule-heading">Schedule {schedule}</h2>
          {schedules.length > 1 && (
            <div className="field-inline">
              <label htmlFor="schedule-pick">Schedule</label>
              <select id="schedule-pick" value={schedule} onChange={(event) => choose(event.target.value)}>
                {schedules.map((entry) => <option key={entry.schedule} value={entry.schedule}>{entry.schedule}</option>)}
              </select>
            </div>
          )}
          <ScheduleCalendar key={schedule} schedule={schedule} />
        </section>
      )}
      <WhoIsPaged />
    </>
  );
}
