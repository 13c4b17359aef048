/**
 * A duration for people: `45 s`, `12 min`, `2 h 5 min`, `3 d 4 h`, to the largest two units,
 * rounded down.
 *
 * @example humanDuration(7_500_000) // → '2 h 5 min'
 */
export function humanDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

/** An instant for people, in UTC to the second: `2026-03-10 12:00:00 UTC`. */
export function humanInstant(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
