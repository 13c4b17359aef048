/** Epoch ms as a `datetime-local` input's value in the browser's zone, to the minute: `2025-03-01T13:05`. */
export function toLocalInput(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(date.getFullYear())}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A `datetime-local` value (the browser's zone) as epoch ms, or undefined when it is empty or no time. */
export function fromLocalInput(value: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  if (year === undefined || month === undefined || day === undefined || hour === undefined || minute === undefined) return undefined;
  const ms = new Date(year, month - 1, day, hour, minute, Number.isNaN(second) || second === undefined ? 0 : second).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}

/** The `datetime-local` values of the last `ms` up to now. */
export function periodEndingNow(ms: number): { readonly from: string; readonly to: string } {
  const now = Date.now();
  return { from: toLocalInput(now - ms), to: toLocalInput(now) };
}
