import { z } from 'zod';

// Prometheus's duration (prometheus/common model/time.go `ParseDuration`): units from the largest
// down, each at most once, e.g. 1h30m; a year is 365 days and a week 7.
const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNIT_MS = [365 * 86_400_000, 7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1];

/**
 * Milliseconds of a Prometheus duration such as `30s`, `5m`, `4h` or `1h30m` (what Alertmanager's
 * `group_wait` and friends take); `0` is zero. `undefined` when `text` is not one.
 *
 * @example parsePrometheusDuration('1h30m') // → 5_400_000
 */
export function parsePrometheusDuration(text: string): number | undefined {
  if (text === '0') return 0;
  const match = text === '' ? null : DURATION.exec(text);
  if (match === null) return undefined;
  let total = 0;
  UNIT_MS.forEach((unit, index) => {
    const amount = match[index + 1];
    if (amount !== undefined) total += Number(amount) * unit;
  });
  return Number.isSafeInteger(total) ? total : undefined;
}

/** A duration as people write one: `1h30m` for 5 400 000 ms, `0s` for zero. */
export function formatPrometheusDuration(ms: number): string {
  const units: readonly [string, number][] = [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]];
  let rest = ms;
  let text = '';
  for (const [suffix, unit] of units) {
    if (rest >= unit) {
      text += `${Math.floor(rest / unit)}${suffix}`;
      rest %= unit;
    }
  }
  return text === '' ? '0s' : text;
}

/**
 * zod schema for a Prometheus duration field between `min` and `max` ms; `noun` names it in messages.
 */
export function prometheusDurationSchema(options: { readonly noun: string; readonly min: number; readonly max: number }) {
  const { noun, min, max } = options;
  const range = `from ${formatPrometheusDuration(min)} to ${formatPrometheusDuration(max)}`;
  return z.string().superRefine((text, ctx) => {
    const ms = parsePrometheusDuration(text);
    if (ms === undefined) ctx.addIssue({ code: 'custom', message: `${noun} \`${text}\` does not parse: use a duration such as 30s, 5m or 1h30m` });
    else if (ms < min || ms > max) ctx.addIssue({ code: 'custom', message: `${noun} \`${text}\` is out of range: use ${range}` });
  });
}
