import { z } from 'zod';
import { alertMatcherSchema } from '../config/xops/alert-matcher';
import { parsePrometheusDuration } from '../config/prometheus-duration';
import { boundedInstantSchema } from './bounded-instant';

const instant = z.string().describe('ISO 8601 UTC, e.g. 2026-03-04T10:00:00.000Z');

/** `pending` before it starts, `active`, then `expired` (Alertmanager's silence states). */
export const SILENCE_STATES = ['pending', 'active', 'expired'] as const;
export const silenceStateSchema = z.enum(SILENCE_STATES);

/**
 * The body of `POST /api/v1/silences`: matchers, a comment, and an end: `endsAt`, a `duration`
 * from the start, or `untilResolved` (the fingerprint of a firing alert: the silence ends when
 * that alert resolves), or an end and `untilResolved` (whichever comes first).
 */
export function silenceCreateSchema(now: () => number = Date.now) {
  return z.strictObject({
    matchers: z.array(alertMatcherSchema).min(1, 'give at least one matcher, e.g. service="cart"').max(64)
      .describe('Alertmanager matchers, all of which an alert must match, e.g. ["service=\\"cart\\"", "severity=~\\"page|critical\\""]'),
    startsAt: boundedInstantSchema(now).optional().describe('when it starts; now unless given'),
    endsAt: boundedInstantSchema(now).optional().describe('when it ends'),
    duration: z.string().refine((text) => (parsePrometheusDuration(text) ?? 0) > 0, 'a duration such as 2h or 30m')
      .optional().describe('how long from the start, e.g. 2h; instead of endsAt'),
    untilResolved: z.string().regex(/^[0-9a-f]{16}$/, 'the 16-hex-digit fingerprint of a firing alert (xops get alerts --incoming)')
      .optional().describe('the fingerprint of a firing alert: the silence ends when that alert resolves'),
    comment: z.string().trim().min(1, 'say why, e.g. "deploying cart v42"').max(1000),
  }).superRefine((body, ctx) => {
    if (body.endsAt !== undefined && body.duration !== undefined) ctx.addIssue({ code: 'custom', path: ['duration'], message: 'give endsAt or duration, not both' });
    if (body.endsAt === undefined && body.duration === undefined && body.untilResolved === undefined) {
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'a silence needs an end: endsAt, duration, or untilResolved' });
    }
  });
}
/** What a client sends to `POST /api/v1/silences`. */
export type SilenceCreateRequest = z.input<ReturnType<typeof silenceCreateSchema>>;

/** One silence as the API shows it. */
export const silenceSchema = z.object({
  id: z.string(),
  matchers: z.array(z.string()),
  startsAt: instant,
  /** Null for a silence that ends only when its alert resolves. */
  endsAt: instant.nullable(),
  untilResolved: z.object({ fingerprint: z.string(), startsAt: instant }).nullable(),
  comment: z.string(),
  createdBy: z.string(),
  createdAt: instant,
  /** When it was expired by hand (`DELETE`) or ended with its alert. */
  expiredAt: instant.nullable(),
  state: silenceStateSchema,
}).meta({ id: 'Silence' });
export type SilenceBody = z.infer<typeof silenceSchema>;
