import type { FastifySchemaCompiler } from 'fastify';
import type { ZodType } from 'zod';
import { XopsError } from './xops-error';

/** One zod issue as the API reports it: where (`in` and `path`) and what. */
export interface ValidationIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * Validates request parts with their zod schemas and fails with `XOPS_ERR_VALIDATION`.
 * Ours rather than fastify-type-provider-zod's, because theirs flattens each issue path into a
 * `/a/0/b` string and the client could no longer tell the index `0` from the key `"0"`.
 */
export const zodValidatorCompiler: FastifySchemaCompiler<ZodType> = ({ schema, httpPart }) => (data) => {
  const result = schema.safeParse(data);
  if (result.success) return { value: result.data };
  const part = httpPart ?? 'request';
  const issues: ValidationIssue[] = result.error.issues.map((issue) => ({
    path: issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key)),
    message: issue.message,
  }));
  const shown = issues.slice(0, 3).map((i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`);
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  return { error: new XopsError('XOPS_ERR_VALIDATION', `Invalid ${part}: ${shown.join('; ')}${more}`, { in: part, issues }) };
};
