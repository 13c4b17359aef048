import { z } from 'zod';

/** The units of an OpenSLO duration-shorthand: minutes, hours, days, weeks, months, quarters, years. */
export type DurationUnit = 'm' | 'h' | 'd' | 'w' | 'M' | 'Q' | 'Y';

/** A parsed duration-shorthand, e.g. `28d` → `{ amount: 28, unit: 'd' }`. Units stay symbolic: how long `1M` is depends on the calendar. */
export interface DurationShorthand {
  readonly amount: number;
  readonly unit: DurationUnit;
}

const UNITS: Readonly<Record<string, DurationUnit>> = { m: 'm', h: 'h', d: 'd', w: 'w', M: 'M', Q: 'Q', Y: 'Y' };
// OpenSLO README § duration-shorthand: a single word, a positive integer and a case-sensitive postfix.
// Nine digits keep the amount a safe integer whatever the unit.
const SHORTHAND = /^(\d{1,9})([mhdwMQY])$/;

/**
 * Parses an OpenSLO duration-shorthand (`12h`, `4w`, `1M`, `1Q`, `365d`, `1Y`); `undefined` when
 * `text` is not one. `0m` parses (alertAfter defaults to it); callers that need a length reject zero.
 */
export function parseDurationShorthand(text: string): DurationShorthand | undefined {
  const match = SHORTHAND.exec(text);
  const unit = match?.[2] === undefined ? undefined : UNITS[match[2]];
  if (match?.[1] === undefined || unit === undefined) return undefined;
  return { amount: Number(match[1]), unit };
}

/** The message for a duration that does not parse; `noun` is what the field is ("window", "delay"). */
export function durationMessage(noun: string, text: string): string {
  return `${noun} \`${text}\` does not parse: use a number followed by m, h, d, w, M, Q or Y, e.g. 30d`;
}

/**
 * zod schema for a duration-shorthand field. `noun` names the field in messages; zero is refused
 * unless `allowZero` (a window of no length means nothing, a delay of none does).
 */
export function durationShorthandSchema(options: { readonly noun: string; readonly allowZero?: boolean }) {
  const { noun, allowZero = false } = options;
  return z
    .string({ error: (issue) => (issue.input === undefined ? undefined : durationMessage(noun, String(issue.input))) })
    .superRefine((text, ctx) => {
      const parsed = parseDurationShorthand(text);
      if (parsed === undefined) ctx.addIssue({ code: 'custom', message: durationMessage(noun, text) });
      else if (parsed.amount === 0 && !allowZero) {
        ctx.addIssue({ code: 'custom', message: `${noun} \`${text}\` has no length: use a number above zero, e.g. 30d` });
      }
    });
}
