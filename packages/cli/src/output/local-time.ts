const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone, weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'longOffset',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/**
 * An instant as a person on that schedule reads it: the wall-clock time in `timeZone` with its
 * weekday and UTC offset, so it is unambiguous across DST changes. ISO 8601 order, to the minute.
 *
 * @example formatLocalTime('2026-01-07T17:00:00.000Z', 'Europe/Berlin') // → 'Wed 2026-01-07 18:00 +01:00'
 */
export function formatLocalTime(iso: string, timeZone: string): string {
  const parts = Object.fromEntries(formatIn(timeZone).formatToParts(new Date(iso)).map((part) => [part.type, part.value]));
  // `GMT+01:00`, or plain `GMT` for a zero offset in some ICU versions.
  const offset = (parts.timeZoneName ?? 'GMT').replace(/^GMT/, '') || '+00:00';
  return `${parts.weekday} ${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${offset}`;
}
