import type { FinalScheduleBody } from '@xops/contracts';
import { formatInstant, formatSeconds } from '../format/time-text';

/** The stretches with nobody on call, in words: an alert then pages no one from this schedule. */
export function GapList({ gaps }: { readonly gaps: FinalScheduleBody['gaps'] }) {
  if (gaps.length === 0) return <p className="muted" data-testid="gaps">No gap: someone is on call all the time shown.</p>;
  return (
    <div data-testid="gaps">
      <p className="problem">Nobody is on call {gaps.length === 1 ? 'once' : `${String(gaps.length)} times`} in the time shown:</p>
      <ul>
        {gaps.map((gap) => (
          <li key={gap.from}>{formatInstant(gap.from)} to {formatInstant(gap.to)} ({formatSeconds((Date.parse(gap.to) - Date.parse(gap.from)) / 1000)})</li>
        ))}
      </ul>
    </div>
  );
}
