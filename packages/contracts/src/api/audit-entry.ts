import { z } from 'zod';

/** One mutation, as the audit log records it: who did what to which object, and when. */
export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  kind: z.string().nullable(),
  name: z.string().nullable(),
  details: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
