import { z } from 'zod';
import { parseDurationShorthand } from '../config/duration';
import { durationMs } from '../config/duration-ms';

const RFC3339 = z.iso.datetime({ offset: true });
const RELATIVE = /^now(?:-(\d{1,9}(?:s|m|h|d|w)))?$/;
const HELP = 'an RFC 3339 time (2025-03-01T12:00:00Z), epoch milliseconds, `now`, or `now-` and a duration (now-30d, now-6h, now-90s)';

/**
 * Reads an instant as the API's query parameters and the CLI's flags take it: RFC 3339 with a
 * zone, epoch milliseconds, `now`, or `now-<duration>` (`s m h d w`). Returns epoch ms, or
 * undefined when `text` is none of those.
 *
 * @example parseInstant('now-1h', Date.UTC(2025, 0, 1)) // → Date.UTC(2024, 11, 31, 23)
 */
export function parseInstant(text: string, now: number): number | undefined {
  if (/^\d{1,16}$/.test(text)) return Number(text);
  const relative = RELATIVE.exec(text);
  if (relative !== null) {
    const amount = relative[1];
    if (amount === undefined) return now;
    if (amount.endsWith('s')) return now - Number(amount.slice(0, -1)) * 1000;
    const parsed = parseDurationShorthand(amount);
    return parsed === undefined ? undefined : now - durationMs(parsed);
  }
  if (!RFC3339.safeParse(text.toUpperCase()).success) return undefined;
  const ms = Date.parse(text.toUpperCase());
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * zod schema for an instant in a query string or body: a string as `parseInstant` reads it (or
 * a number of epoch ms), parsed into epoch ms against `now()` at the time of parsing.
 */
export function instantSchema(now: () => number = Date.now) {
  return z.union([z.number().int().nonnegative(), z.string()]).transform((value, ctx) => {
    const ms = typeof value === 'number' ? value : parseInstant(value, now());
    if (ms === undefined) {
      ctx.issues.push({ code: 'custom', message: `\`${String(value).slice(0, 40)}\` is not ${HELP}`, input: value });
      return z.NEVER;
    }
    return ms;
  }).describe(HELP);
}

/** Epoch ms as the API writes instants: ISO 8601 in UTC with milliseconds, e.g. `2025-03-01T12:00:00.000Z`. */
export const isoInstant = (ms: number): string => new Date(ms).toISOString();
