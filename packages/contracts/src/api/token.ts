import { z } from 'zod';
import { roleSchema } from './role';

export const tokenCreateRequestSchema = z.object({
  name: z.string().min(1).max(100).regex(/^[a-zA-Z0-9._@-]+$/, 'letters, digits and . _ @ - only'),
  role: roleSchema,
}).strict();
export type TokenCreateRequest = z.infer<typeof tokenCreateRequestSchema>;

export const tokenInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  createdAt: z.string(),
  createdBy: z.string(),
});
export type TokenInfo = z.infer<typeof tokenInfoSchema>;

/** Returned once, on creation: the plaintext token is never stored or shown again. */
export const tokenCreatedSchema = tokenInfoSchema.extend({ token: z.string() });
export type TokenCreated = z.infer<typeof tokenCreatedSchema>;
