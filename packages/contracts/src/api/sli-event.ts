import { z } from 'zod';

/**
 * One event of the ingest API (`POST /api/v1/slis/{name}/events`, `xops ingest`), once parsed:
 * counts of good and total events at `ts` (a `bad` count is turned into `good = total - bad`),
 * or one measured value of a thresholdMetric SLI. `ts` is epoch milliseconds, UTC.
 */
export type SliEvent = RatioSliEvent | ValueSliEvent;

export interface RatioSliEvent {
  readonly kind: 'ratio';
  readonly ts: number;
  readonly good: number;
  readonly total: number;
}

export interface ValueSliEvent {
  readonly kind: 'value';
  readonly ts: number;
  readonly value: number;
}

/** What is wrong with an event: the field (`path`, empty for the whole event) and how to fix it. */
export interface SliEventProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export type SliEventResult =
  | { readonly ok: true; readonly value: SliEvent }
  | { readonly ok: false; readonly problems: readonly SliEventProblem[] };

const EXAMPLE = '{"ts": "2025-03-01T12:00:00Z", "good": 99, "total": 100}';
const TS_HELP = 'an RFC 3339 time with a zone, e.g. 2025-03-01T12:00:00Z or 2025-03-01T13:00:00.250+01:00, or epoch milliseconds';
// Epoch milliseconds below this (1973-03-03) are almost surely epoch seconds sent by mistake.
const MIN_EPOCH_MS = 1e11;
// The last instant a JavaScript Date can hold (ECMA-262 § 21.4.1.22, Time Values).
const MAX_EPOCH_MS = 8.64e15;
const rfc3339 = z.iso.datetime({ offset: true });

const timestampSchema = z.union([z.number(), z.string()], {
  error: (issue) => (issue.input === undefined ? `\`ts\` is required: ${TS_HELP}` : `\`ts\` must be ${TS_HELP}`),
}).transform((ts, ctx) => {
  const ms = typeof ts === 'number' ? ts : rfc3339Ms(ts);
  let problem: string | undefined;
  if (ms === undefined) problem = `\`ts\` "${String(ts).slice(0, 40)}" is not ${TS_HELP}`;
  else if (typeof ts === 'number' && ms >= 0 && ms < MIN_EPOCH_MS) {
    problem = `\`ts\` ${ts} looks like epoch seconds: send epoch milliseconds (${ts * 1000}) or an RFC 3339 time`;
  } else if (ms < MIN_EPOCH_MS || ms > MAX_EPOCH_MS) problem = `\`ts\` ${ts} is out of range: ${TS_HELP}`;
  if (problem !== undefined || ms === undefined) {
    ctx.issues.push({ code: 'custom', message: problem ?? TS_HELP, input: ts });
    return z.NEVER;
  }
  return ms;
});

/** Epoch ms of an RFC 3339 date-time, or undefined. Lower-case `t` and `z` are allowed (RFC 3339 § 5.6). */
function rfc3339Ms(text: string): number | undefined {
  const upper = text.toUpperCase();
  if (!rfc3339.safeParse(upper).success) return undefined;
  const ms = Date.parse(upper);
  return Number.isNaN(ms) ? undefined : ms;
}

const count = (field: string) => z.number({ error: `\`${field}\` must be a number of events, 0 or more` })
  .nonnegative({ error: `\`${field}\` must be 0 or more` });

/**
 * zod schema for one event as sent: `{ ts, good, total }`, `{ ts, bad, total }` or `{ ts, value }`,
 * nothing else. Parses into a `SliEvent`.
 */
export const sliEventSchema = z.strictObject({
  ts: timestampSchema,
  good: count('good').optional(),
  bad: count('bad').optional(),
  total: count('total').optional(),
  value: z.number({ error: '`value` must be a finite number' }).optional(),
}, {
  error: (issue) => (issue.code === 'invalid_type' ? `an event is a JSON object such as ${EXAMPLE}` : undefined),
}).transform((event, ctx): SliEvent => {
  const fail = (message: string, path: string[] = []) => {
    ctx.issues.push({ code: 'custom', message, path, input: event });
    return z.NEVER;
  };
  const { ts, good, bad, total, value } = event;
  if (value !== undefined) {
    if (good !== undefined || bad !== undefined || total !== undefined) {
      return fail('a `value` event has only `ts` and `value`; counts of events go in `good` (or `bad`) and `total` events, without `value`');
    }
    return { kind: 'value', ts, value };
  }
  if (good === undefined && bad === undefined && total === undefined) {
    return fail(`an event needs \`good\` (or \`bad\`) and \`total\`, e.g. ${EXAMPLE}, or \`value\` for an SLI with a thresholdMetric`);
  }
  if (good !== undefined && bad !== undefined) return fail('give either `good` or `bad`, not both: `bad` means good = total - bad', ['bad']);
  if (total === undefined) return fail('`total` is required with `good` or `bad`: the number of all events', ['total']);
  if (good === undefined && bad === undefined) return fail('`good` or `bad` is required with `total`', ['good']);
  const field = good === undefined ? 'bad' : 'good';
  const counted = good ?? bad ?? 0;
  if (counted > total) return fail(`\`${field}\` (${counted}) is more than \`total\` (${total})`, [field]);
  return { kind: 'ratio', ts, good: good ?? total - counted, total };
});

/** Parses one event (a value from a JSON array or an NDJSON line) and says everything wrong with it. */
export function parseSliEvent(raw: unknown): SliEventResult {
  const parsed = sliEventSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({
      path: issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key)),
      message: issue.message,
    })),
  };
}

/** Parses one NDJSON line; `undefined` for a blank line, which NDJSON files may have (a trailing newline). */
export function parseSliEventLine(line: string): SliEventResult | undefined {
  if (line.trim() === '') return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (error) {
    return { ok: false, problems: [{ path: [], message: `not valid JSON (${error instanceof Error ? error.message : String(error)}): each line holds one event such as ${EXAMPLE}` }] };
  }
  return parseSliEvent(raw);
}
