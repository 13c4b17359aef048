import { z } from 'zod';

/** Token roles, weakest first: each role can do everything the ones before it can. */
export const ROLES = ['viewer', 'responder', 'editor', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** True when `held` grants at least what `needed` does. */
export function roleAllows(held: Role, needed: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(needed);
}
