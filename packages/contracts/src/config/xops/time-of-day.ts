import type { Weekday } from '@xops/core';

const DAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
const TIME = /^(\d{2}):(\d{2})$/;

/** Minutes after midnight of `HH:MM` (00:00 to 24:00); `undefined` when it is not such a time. */
export function parseTimeOfDay(text: string): number | undefined {
  const match = TIME.exec(text);
  if (match === null) return undefined;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return Number(match[2]) < 60 && minutes <= 1440 ? minutes : undefined;
}

/** The ISO weekday of `monday` or `mon` (any case); `undefined` for anything else. */
export function parseWeekday(text: string): Weekday | undefined {
  const name = text.toLowerCase();
  const index = DAY_NAMES.findIndex((day) => day === name || (name.length === 3 && day.startsWith(name)));
  return index === -1 ? undefined : toWeekday(index + 1);
}

/**
 * The days of a `days` item: one day (`saturday`) or an inclusive range (`monday:friday`,
 * `friday:monday` wrapping over the weekend), as Alertmanager's time intervals write them.
 */
export function parseWeekdays(text: string): Weekday[] | undefined {
  const [first, last, ...rest] = text.split(':');
  if (first === undefined || rest.length > 0) return undefined;
  const from = parseWeekday(first.trim());
  const to = last === undefined ? from : parseWeekday(last.trim());
  if (from === undefined || to === undefined) return undefined;
  const days: Weekday[] = [];
  for (let day = from; ; day = toWeekday((day % 7) + 1)) {
    days.push(day);
    if (day === to) return days;
  }
}

/** `friday 18:00` as minutes after Monday 00:00 (0 to 10 080); `undefined` when it is not a day and a time. */
export function parseWeekTime(text: string): number | undefined {
  const [day, time, ...rest] = text.trim().split(/\s+/);
  if (day === undefined || time === undefined || rest.length > 0) return undefined;
  const weekday = parseWeekday(day);
  const minutes = parseTimeOfDay(time);
  return weekday === undefined || minutes === undefined ? undefined : (weekday - 1) * 1440 + minutes;
}

function toWeekday(day: number): Weekday {
  switch (day) {
    case 1: case 2: case 3: case 4: case 5: case 6: case 7: return day;
    default: throw new RangeError(`no weekday ${day}`);
  }
}
