import type { OnCallBody } from '@xops/contracts';
import { formatInstant } from '../format/time-text';

/**
 * One schedule's line of "who is on call now": the person (or nobody), the schedule and its team,
 * whether an override put them there, until when, and the schedule's problem if it has one.
 */
export function OnCallEntry({ entry }: { readonly entry: OnCallBody['schedules'][number] }) {
  return (
    <li data-schedule={entry.schedule}>
      <div><strong>{entry.onCall === null ? 'Nobody' : entry.onCall.displayName ?? entry.onCall.name}</strong></div>
      <div className="muted">
        {entry.schedule}{entry.team !== null && <> ({entry.team})</>}
        {entry.source?.kind === 'override' && <> · override</>}
        {entry.until !== null && <> · until {formatInstant(entry.until)}</>}
      </div>
      {entry.problem !== null && <div className="problem">{entry.problem}</div>}
    </li>
  );
}
