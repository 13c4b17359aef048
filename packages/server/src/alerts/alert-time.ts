// RFC 3339 as Go writes it (any number of fractional digits) and as PagerDuty's examples do
// (`+0000`, an offset without a colon).
const TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

/**
 * Reads an alert time: RFC 3339 with any number of fractional digits and a `Z` or an offset
 * (`+02:00` or `+0200`), into epoch ms. Go's zero time (year 1, `0001-01-01T00:00:00Z`, which
 * Alertmanager sends as the `endsAt` of a firing alert) reads as null: no time. Undefined when
 * the text is not such a time, or is before 1970 or after 9999.
 *
 * @example parseAlertTime('2026-08-21T03:14:00.123456789+02:00') // → Date.UTC(2026, 7, 21, 1, 14, 0, 123)
 */
export function parseAlertTime(text: string): number | null | undefined {
  const match = TIME.exec(text);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second, fraction = '', , sign, offsetHours = '0', offsetMinutes = '0'] = match;
  if (Number(year) <= 1) return null;
  const parts = [Number(year), Number(month), Number(day), Number(hour), Number(minute), Number(second)] as const;
  if (parts[1] < 1 || parts[1] > 12 || parts[2] < 1 || parts[2] > 31 || parts[3] > 23 || parts[4] > 59 || parts[5] > 60) return undefined;
  const offset = sign === undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000;
  const ms = Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3], parts[4], Math.min(parts[5], 59), Number(fraction.padEnd(3, '0').slice(0, 3))) - offset;
  return ms < 0 || parts[0] > 9999 ? undefined : ms;
}
