import { useMemo } from 'react';
import { dayHours, isToday, type Span } from './calendar-days';
import { pieceClass } from './calendar-legend';
import { clockText, dayLabel } from './calendar-text';
import { placePieces, pieceSource, pieceWho, type PlacedPiece, type SchedulePiece } from './schedule-pieces';

/**
 * A week, hour by hour: one column a day, one row an hour, each cell coloured by where its
 * person comes from and named where a stretch begins. With `onPick` (editors), a cell is a button
 * that starts an override at its hour.
 */
export function WeekGrid({ days, pieces, onPick }: { readonly days: readonly Span[]; readonly pieces: readonly SchedulePiece[]; readonly onPick: ((slot: Span) => void) | null }) {
  const hours = useMemo(() => days.map((day) => dayHours(day)), [days]);
  const cells = useMemo(() => hours.map((dayCells) => placePieces(pieces, dayCells)), [hours, pieces]);
  const first = days[0];
  return (
    <table className="calendar calendar-week" data-testid="oncall-calendar" data-view="week">
      <caption className="visually-hidden">Who is on call, hour by hour, the week of {first === undefined ? '' : dayLabel(first.from)}</caption>
      <thead>
        <tr>
          <th scope="col"><span className="visually-hidden">Hour</span></th>
          {days.map((day) => {
            const today = isToday(day);
            return <th key={day.from} scope="col" className={today ? 'cal-today' : undefined} aria-current={today ? 'date' : undefined}>{dayLabel(day.from)}{today && <span className="visually-hidden"> (today)</span>}</th>;
          })}
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: 24 }, (_unused, hour) => (
          <tr key={hour}>
            <th scope="row" className="cal-hour">{`${String(hour).padStart(2, '0')}:00`}</th>
            {days.map((day, dayIndex) => {
              const slot = hours[dayIndex]?.[hour] ?? { from: day.from, to: day.from };
              const placed = cells[dayIndex]?.[hour] ?? [];
              return <HourCell key={day.from} day={day} slot={slot} placed={placed} firstRow={hour === 0} onPick={onPick} />;
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function HourCell({ day, slot, placed, firstRow, onPick }: { readonly day: Span; readonly slot: Span; readonly placed: readonly PlacedPiece[]; readonly firstRow: boolean; readonly onPick: ((slot: Span) => void) | null }) {
  const longest = placed.reduce<PlacedPiece | undefined>((best, item) => (best === undefined || item.to - item.from > best.to - best.from ? item : best), undefined);
  const kinds = new Set(placed.map((item) => pieceClass(item.piece)));
  const className = ['cal-cell', longest === undefined ? 'cal-none' : pieceClass(longest.piece), kinds.size > 1 ? 'cal-split' : ''].join(' ').trim();
  const words = placed.length === 0 ? 'not computed' : placed.map((item) => `${pieceWho(item.piece)} (${pieceSource(item.piece)}${placed.length > 1 ? ` at ${clockText(item.from)}` : ''})`).join(', then ');
  // A name shows where its stretch begins (and atop each day); below it the colour carries on, and the name stays for screen readers.
  const content = placed.map((item, index) => {
    const starts = item.from === item.piece.from || firstRow;
    return (
      <span key={index} className={starts ? 'cal-name' : 'visually-hidden'}>
        {index > 0 && <>{placed.length > 1 && starts ? ` → ${clockText(item.from)} ` : ' '}</>}
        {pieceWho(item.piece)}
      </span>
    );
  });
  const label = `${dayLabel(day.from)} ${clockText(slot.from)}: ${words}`;
  return (
    <td className={className} title={label} data-kind={longest?.piece.kind ?? 'none'}>
      {onPick === null ? content : (
        <button type="button" className="cal-pick" aria-label={`${label}. Add an override at this hour`} onClick={() => onPick(slot)}>{content}</button>
      )}
    </td>
  );
}
