import type { z } from 'zod';
import type { ConfigProblem } from './config-object';

/** A cross-field rule: reads the raw value (never trusting its shape) and returns its problems. */
export type ConfigRule = (value: unknown) => readonly ConfigProblem[];

/**
 * Attaches `rule` to `schema`. The rule runs even when fields of the value already failed, so a
 * document gets every problem at once; that is why it reads the raw input defensively.
 * Problem paths are relative to the value the schema checks.
 */
export function withRule<T extends z.ZodType>(schema: T, rule: ConfigRule): T {
  return schema.superRefine((value: unknown, ctx) => {
    for (const problem of rule(value)) ctx.addIssue({ code: 'custom', message: problem.message, path: [...problem.path] });
  }, { when: () => true });
}
