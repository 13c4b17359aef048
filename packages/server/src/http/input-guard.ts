import type { FastifyInstance } from 'fastify';
import { findUnstorableJson } from './storable-json';
import { XopsError } from './xops-error';

/**
 * Rejects, before any route sees them, inputs that would otherwise fail deep inside the store
 * or the validators with a 5xx: NUL characters and unpaired surrogates (PostgreSQL refuses the
 * first and cannot represent the second) and JSON nested deeper than any document needs.
 */
export function installInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const parts = { params: request.params, querystring: request.query, body: request.body } as const;
    for (const [part, value] of Object.entries(parts)) {
      const issue = findUnstorableJson(value);
      if (issue) {
        const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
        throw new XopsError('XOPS_ERR_VALIDATION', `Invalid ${part}: ${where}${issue.message}`, { in: part, issues: [issue] });
      }
    }
  });
}
