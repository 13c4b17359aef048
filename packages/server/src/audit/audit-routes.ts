import { auditEntrySchema } from '@xops/contracts';
import type { XopsStore } from '@xops/store';
import { z } from 'zod';
import { errorResponses } from '../http/error-envelope';
import type { ZodApp } from '../http/zod-app';

const auditQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  /** The id of the last entry of the previous page; ids are 32-bit integers on PostgreSQL. */
  before: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
});

/** `GET /api/v1/audit?limit&before` (admin): the audit log, newest first, paged by id. */
export function registerAuditRoutes(app: ZodApp, { store }: { store: XopsStore }): void {
  app.get('/api/v1/audit', {
    config: { access: 'admin' },
    schema: {
      operationId: 'listAudit',
      tags: ['audit'],
      summary: 'Read the audit log, newest first; pass the last id as `before` for the next page.',
      querystring: auditQuerySchema,
      response: { 200: z.array(auditEntrySchema), ...errorResponses(401, 403) },
    },
  }, async (request) => store.listAudit({ limit: request.query.limit, before: request.query.before }));
}
