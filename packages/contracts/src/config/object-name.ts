import { z } from 'zod';

// RFC 1123 label shape (OpenSLO README § Notes (General Schema)): at most 63 characters, letters,
// digits and '-', starting and ending with a letter or digit. The spec says implementations must
// support at least the lowercase form; upper case is accepted too, because the spec's own examples
// use it (`name: AlertPolicy`) and real OpenSLO files must load unchanged (DESIGN.md §3).
const OBJECT_NAME = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** True when `name` can name an object (`metadata.name`) or refer to one (`indicatorRef`, …). */
export function isObjectName(name: string): boolean {
  return OBJECT_NAME.test(name);
}

/** zod schema for an object name or a reference to one, with a message that says how to fix it. */
export function objectNameSchema() {
  return z.string().superRefine((name, ctx) => {
    if (name.length > 63) {
      ctx.addIssue({ code: 'custom', message: `name \`${name.slice(0, 20)}…\` is ${name.length} characters long: names have at most 63` });
    } else if (!isObjectName(name)) {
      ctx.addIssue({
        code: 'custom',
        message: `\`${name}\` is not a valid name: use letters, digits and '-', starting and ending with a letter or digit, e.g. checkout-availability`,
      });
    }
  });
}
