import { roleAllows } from '@xops/contracts';
import { useCallback, useMemo, useState } from 'react';
import { ProblemMessage } from '../common/problem-message';
import { usePolling } from '../data/use-polling';
import { formatPercent } from '../format/percent';
import { formatInstant } from '../format/time-text';
import { useSession } from '../session/session-context';
import { withOverride, type NewOverride } from './add-override';
import { monthGridDays, shiftAnchor, weekDays, type Span } from './calendar-days';
import { CalendarLegend } from './calendar-legend';
import { browserTimeZone, dayLabel, monthLabel } from './calendar-text';
import { GapList } from './gap-list';
import { loadSchedule } from './load-schedule';
import { MonthGrid } from './month-grid';
import { OverrideForm } from './override-form';
import { schedulePieces } from './schedule-pieces';
import { WeekGrid } from './week-grid';

const SCHEDULE_REFRESH_MS = 60_000;

export type CalendarView = 'week' | 'month';

/**
 * One schedule's final schedule as a calendar, a week hour by hour or a month day by day, with
 * its layers, overrides and gaps told apart. An editor picks a slot to add an override there:
 * the Schedule is read, the override added to its spec, and the whole document PUT back.
 */
export function ScheduleCalendar({ schedule }: { readonly schedule: string }) {
  const { client, role } = useSession();
  const [view, setView] = useState<CalendarView>('week');
  const [anchor, setAnchor] = useState(() => Date.now());
  const [slot, setSlot] = useState<Span | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const anchorDate = new Date(anchor);
  const year = anchorDate.getFullYear();
  const month = anchorDate.getMonth();
  const weekStart = weekDays(anchor)[0]?.from ?? anchor;
  const days = useMemo(() => (view === 'week' ? weekDays(weekStart) : monthGridDays(year, month)), [view, weekStart, year, month]);
  const rangeFrom = days[0]?.from ?? anchor;
  const rangeTo = days.at(-1)?.to ?? anchor;
  const load = useCallback(() => loadSchedule(client, schedule, { from: rangeFrom, to: rangeTo }), [client, schedule, rangeFrom, rangeTo]);
  const { data, error, refresh } = usePolling(load, SCHEDULE_REFRESH_MS);
  const pieces = useMemo(() => (data === undefined ? [] : schedulePieces(data.final, data.layers)), [data]);
  const layers = useMemo(() => [...new Set([...(data?.layers ?? []), ...pieces.flatMap((piece) => (piece.layer === null ? [] : [piece.layer]))])], [data, pieces]);

  const pick = roleAllows(role, 'editor') ? (picked: Span) => { setNote(null); setSlot(picked); } : null;
  const addOverride = async (override: NewOverride) => {
    const stored = await client.getObject('schedules', schedule);
    const changed = withOverride(stored.object, override);
    if (!changed.ok) throw new Error(changed.error);
    await client.replaceObject('schedules', schedule, changed.value);
    setSlot(null);
    setNote(`Override added: ${override.user} from ${formatInstant(override.from)} to ${formatInstant(override.to)}.`);
    refresh();
  };
  const move = (steps: number) => setAnchor(shiftAnchor(anchor, view, steps));
  const title = view === 'week' ? `Week of ${dayLabel(weekStart)} ${String(new Date(weekStart).getFullYear())}` : monthLabel(anchor);

  return (
    <>
      <div className="calendar-controls">
        <fieldset className="segmented">
          <legend className="visually-hidden">View</legend>
          {(['week', 'month'] as const).map((option) => (
            <label key={option}>
              <input type="radio" name="calendar-view" value={option} checked={view === option} onChange={() => setView(option)} />
              {option === 'week' ? 'Week' : 'Month'}
            </label>
          ))}
        </fieldset>
        <div className="button-row">
          <button type="button" className="secondary" onClick={() => move(-1)}>Previous {view}</button>
          <button type="button" className="secondary" onClick={() => setAnchor(Date.now())}>Today</button>
          <button type="button" className="secondary" onClick={() => move(1)}>Next {view}</button>
        </div>
        <p className="calendar-title" aria-live="polite" data-testid="calendar-range">{title}</p>
      </div>
      <p className="hint">
        Times in your browser's time zone ({browserTimeZone()}){data !== undefined && <>; the schedule hands off in {data.final.timeZone}</>}.
        {pick !== null && ' Pick an hour (week) or a day (month) to put someone else on call from then.'}
      </p>
      <CalendarLegend layers={layers} />
      {note !== null && <p className="action-done" role="status">{note}</p>}
      {slot !== null && (
        <OverrideForm
          key={`${String(slot.from)}-${String(slot.to)}`} schedule={schedule} slot={slot}
          members={data?.members.ok === true ? data.members.value : []} onSubmit={addOverride} onCancel={() => setSlot(null)}
        />
      )}
      {error !== undefined && <ProblemMessage error={error} what={`schedule ${schedule}`} />}
      {data === undefined && error === undefined && <p className="page-status" role="status">Loading…</p>}
      {data !== undefined && (
        <>
          <div className="table-scroll" role="region" aria-label={`Calendar of ${schedule}, ${title}`} tabIndex={0}>
            {view === 'week'
              ? <WeekGrid days={days} pieces={pieces} onPick={pick} />
              : <MonthGrid month={anchor} days={days} pieces={pieces} onPick={pick} />}
          </div>
          <p data-testid="coverage" data-value={data.final.coverage}>
            Someone is on call {formatPercent(data.final.coverage, 1)} of the time shown.
          </p>
          <GapList gaps={data.final.gaps} />
        </>
      )}
    </>
  );
}
