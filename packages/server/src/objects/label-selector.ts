import type { StoredObject } from '@xops/contracts';
import { z } from 'zod';

/** `?label=team=payments`, repeatable; an object must carry every label asked for. */
export const labelQuerySchema = z.string().regex(/^[^=]+=/, 'expected key=value, e.g. team=payments');

/** Splits `key=value` at the first `=`; the value may itself contain `=`. */
export function parseLabelSelector(selector: string): { key: string; value: string } {
  const at = selector.indexOf('=');
  return { key: selector.slice(0, at), value: selector.slice(at + 1) };
}

const labelsSchema = z.object({
  metadata: z.object({ labels: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional() }),
});

/**
 * True when the object has every label of `selectors`. OpenSLO label values may be lists; a
 * list matches when it contains the value.
 */
export function matchesLabels(object: StoredObject, selectors: readonly { key: string; value: string }[]): boolean {
  if (selectors.length === 0) return true;
  const parsed = labelsSchema.safeParse(object.object);
  const labels = parsed.success ? parsed.data.metadata.labels ?? {} : {};
  return selectors.every(({ key, value }) => {
    const held = Object.hasOwn(labels, key) ? labels[key] : undefined;
    return Array.isArray(held) ? held.includes(value) : held === value;
  });
}
