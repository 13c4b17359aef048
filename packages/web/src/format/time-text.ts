const UNITS: readonly [string, number][] = [['d', 86_400], ['h', 3600], ['m', 60], ['s', 1]];

/**
 * A span of seconds in its two largest units: `5400` → `1h 30m`, `42` → `42s`, `0` → `0s`.
 * Negative spans print as their absolute value.
 */
export function formatSeconds(seconds: number): string {
  const total = Math.round(Math.abs(seconds));
  const first = UNITS.findIndex(([, size]) => total >= size);
  if (first === -1) return '0s';
  const parts: string[] = [];
  let rest = total;
  // The largest unit and the one below it, when that is not zero: `1d 1h`, `1d`, `1h 30m`.
  for (const [unit, size] of UNITS.slice(first, first + 2)) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(`${String(count)}${unit}`);
  }
  return parts.join(' ');
}

/** How long ago `iso` was at `now` (epoch ms): `3m ago`, or `just now` under 5 s. */
export function formatAgo(iso: string, now: number): string {
  const seconds = (now - Date.parse(iso)) / 1000;
  if (!Number.isFinite(seconds)) return '–';
  if (seconds < 5) return 'just now';
  return `${formatSeconds(seconds)} ago`;
}

/** An instant in the browser's time zone, to the second: `2025-03-01 13:05:09`. */
export function formatInstant(value: string | number): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '–';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(date.getFullYear())}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
