import { z } from 'zod';
import { withRule } from './config-rule';

/**
 * zod schema for a list that takes exactly one item (`timeWindow`, `conditions`). The count is a
 * rule rather than a length check so that the item itself, and the rules of the enclosing object,
 * are still checked when the count is wrong.
 */
export function exactlyOneItemSchema<T extends z.ZodType>(item: T, message: (count: number) => string) {
  return withRule(z.array(item), (value) => (Array.isArray(value) && value.length !== 1 ? [{ path: [], message: message(value.length) }] : []));
}
