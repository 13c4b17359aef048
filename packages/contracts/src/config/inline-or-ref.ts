import { z } from 'zod';
import type { ConfigProblem } from './config-object';
import type { ConfigRule } from './config-rule';
import { metadataSchema } from './metadata';
import { ownField } from './plain-object';

/**
 * The fields of an object written inline inside another (an AlertCondition inside an AlertPolicy):
 * optional `kind`, then `metadata` and `spec`, all optional here so that {@link inlineOrRefRule}
 * can tell the user which of the two forms is incomplete.
 */
export function inlineShape<K extends string, S extends z.ZodType>(kind: K, spec: S) {
  return {
    kind: z.literal(kind).optional(),
    metadata: metadataSchema.optional(),
    spec: spec.optional(),
  };
}

/**
 * The rule for a list item that is either a reference (`{conditionRef: name}`) or an inline object
 * (`{kind, metadata, spec}`): exactly one form, and the inline form complete.
 */
export function inlineOrRefRule(refKey: string, kind: string): ConfigRule {
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
    const inlineKeys = ['kind', 'metadata', 'spec'].filter((key) => ownField(value, key) !== undefined);
    if (ownField(value, refKey) !== undefined) {
      if (inlineKeys.length === 0) return [];
      return [{
        path: [refKey],
        message: `\`${refKey}\` names an existing ${kind}, so remove the inline ${inlineKeys.map((key) => `\`${key}\``).join(', ')} (or drop \`${refKey}\` and keep the inline ${kind})`,
      }];
    }
    if (inlineKeys.length === 0) {
      return [{ path: [], message: `needs \`${refKey}\` (the name of an existing ${kind}) or an inline ${kind} with metadata and spec` }];
    }
    const problems: ConfigProblem[] = [];
    for (const key of ['metadata', 'spec']) {
      if (ownField(value, key) === undefined) {
        problems.push({ path: [key], message: `\`${key}\` is required for an inline ${kind}; or name an existing one with \`${refKey}\`` });
      }
    }
    return problems;
  };
}
