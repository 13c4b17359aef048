import { z } from 'zod';

const DURATION = /^(\d{1,9}(?:\.\d{1,3})?)(ms|s|m|h)$/;
const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `300ms` → 300, `1.5s` → 1500, `10m` → 600000, `1h` → 3600000; undefined when it does not parse. */
export function parseFaultDuration(text: string): number | undefined {
  const [, amount, unit] = DURATION.exec(text) ?? [];
  if (amount === undefined || unit === undefined) return undefined;
  return Math.round(Number(amount) * (UNIT_MS[unit] ?? NaN));
}

const durationSchema = (what: string, max: number) => z.string().transform((text, ctx) => {
  const ms = parseFaultDuration(text);
  if (ms === undefined || ms > max) {
    ctx.issues.push({ code: 'custom', message: `${what} is a duration such as 300ms, 2s, 10m or 1h, at most ${max / 60_000} minutes`, input: text });
    return z.NEVER;
  }
  return ms;
});

/** The body of `POST /api/v1/demo/faults`: a fault for one demo service. */
export const demoFaultRequestSchema = z.strictObject({
  service: z.string().min(1).max(253),
  errors: z.number().min(0).max(1).default(0).describe('share of requests that fail, 0 to 1'),
  latency: durationSchema('latency', 60_000).default(0).describe('added to every answer, e.g. 300ms'),
  for: durationSchema('for', 24 * 60 * 60_000).default(600_000).describe('how long, e.g. 10m'),
});
export type DemoFaultRequest = z.input<typeof demoFaultRequestSchema>;

/** A fault in effect on a demo service. */
export const demoFaultSchema = z.object({
  service: z.string(),
  errors: z.number(),
  latencyMs: z.number(),
  until: z.string().describe('RFC 3339'),
});
export type DemoFaultBody = z.infer<typeof demoFaultSchema>;
