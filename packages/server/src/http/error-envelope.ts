import { ERROR_CODES, type ErrorCode, type ErrorEnvelope } from '@xops/contracts';
import { z } from 'zod';

const isErrorCode = (key: string): key is ErrorCode => key in ERROR_CODES;
const codes = Object.keys(ERROR_CODES).filter(isErrorCode);

/** The zod form of `ErrorEnvelope`, so the OpenAPI document describes every error answer. */
export const errorEnvelopeSchema = z.object({
  error: z.object({
    code: z.enum(codes),
    message: z.string(),
    details: z.unknown().optional(),
  }),
}).meta({ id: 'ErrorEnvelope', description: 'Every error answer of the API.' });

/** Builds the body of an error answer; `details` is left out when there are none. */
export function errorEnvelope(code: ErrorCode, message: string, details?: unknown): ErrorEnvelope {
  return details === undefined ? { error: { code, message } } : { error: { code, message, details } };
}

/**
 * The error answers a route documents in the OpenAPI document, e.g. `errorResponses(401, 403)`.
 * Every route may also answer 400 (malformed input) and 500, so they are always listed.
 */
export function errorResponses(...statuses: number[]): Record<number, typeof errorEnvelopeSchema> {
  return Object.fromEntries([400, ...statuses, 500].map((status) => [status, errorEnvelopeSchema]));
}
