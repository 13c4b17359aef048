import { useMemo } from 'react';
import { isToday, type Span } from './calendar-days';
import { pieceClass } from './calendar-legend';
import { dayLabel, monthLabel, spanInDayText } from './calendar-text';
import { placePieces, pieceSource, pieceWho, type SchedulePiece } from './schedule-pieces';

const WEEKDAYS = [['Mon', 'Monday'], ['Tue', 'Tuesday'], ['Wed', 'Wednesday'], ['Thu', 'Thursday'], ['Fri', 'Friday'], ['Sat', 'Saturday'], ['Sun', 'Sunday']] as const;

/**
 * A month, day by day, in whole weeks: each day lists its stretches (`09:00–17:00 dora`), coloured
 * by where they come from. With `onPick` (editors), a day's number is a button that starts an
 * override on that day.
 */
export function MonthGrid({ month, days, pieces, onPick }: {
  /** Any instant in the month shown; days of other months are dimmed. */
  readonly month: number;
  readonly days: readonly Span[];
  readonly pieces: readonly SchedulePiece[];
  readonly onPick: ((slot: Span) => void) | null;
}) {
  const cells = useMemo(() => placePieces(pieces, days), [pieces, days]);
  const shownMonth = new Date(month).getMonth();
  const weeks = Array.from({ length: Math.ceil(days.length / 7) }, (_unused, week) => days.slice(week * 7, week * 7 + 7));
  return (
    <table className="calendar calendar-month" data-testid="oncall-calendar" data-view="month">
      <caption className="visually-hidden">Who is on call, day by day, {monthLabel(month)}</caption>
      <thead>
        <tr>{WEEKDAYS.map(([short, long]) => <th key={short} scope="col" abbr={long}>{short}</th>)}</tr>
      </thead>
      <tbody>
        {weeks.map((week, weekIndex) => (
          <tr key={week[0]?.from ?? weekIndex}>
            {week.map((day, dayIndex) => {
              const placed = cells[weekIndex * 7 + dayIndex] ?? [];
              const date = new Date(day.from);
              const outside = date.getMonth() !== shownMonth;
              return (
                <td
                  key={day.from} className={['cal-day', outside ? 'cal-outside' : '', isToday(day) ? 'cal-today' : ''].join(' ').trim()}
                  data-day={date.getDate()} aria-current={isToday(day) ? 'date' : undefined}
                >
                  <div className="cal-day-head">
                    {onPick === null ? <span>{date.getDate()}</span> : (
                      <button type="button" className="cal-pick-day" aria-label={`${dayLabel(day.from)}: add an override`} onClick={() => onPick(day)}>{date.getDate()}</button>
                    )}
                  </div>
                  <ul className="cal-pieces">
                    {placed.map((item) => (
                      <li key={item.from} className={pieceClass(item.piece)} data-kind={item.piece.kind}>
                        <span className="cal-time">{spanInDayText(item, day)}</span> {pieceWho(item.piece)}
                        <span className="visually-hidden"> ({pieceSource(item.piece)})</span>
                      </li>
                    ))}
                  </ul>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
