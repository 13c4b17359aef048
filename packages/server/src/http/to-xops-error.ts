import { ERROR_CODES, type ErrorCode } from '@xops/contracts';
import { XopsError } from './xops-error';

/** Fastify's own request errors, by their `FST_ERR_*` code, in our catalogue's terms. */
const FASTIFY_CODES: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'XOPS_ERR_BAD_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'XOPS_ERR_BAD_JSON',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'XOPS_ERR_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'XOPS_ERR_BODY_TOO_LARGE',
  FST_ERR_NOT_FOUND: 'XOPS_ERR_ROUTE_NOT_FOUND',
};

const isErrorCode = (value: unknown): value is ErrorCode => typeof value === 'string' && value in ERROR_CODES;

/**
 * Classifies anything thrown while serving a request. Returns an `XopsError` for every failure
 * the client caused (ours, the store's coded errors, fastify's 4xx) and `undefined` for the
 * unexpected, which the caller answers with 500 and logs.
 */
export function toXopsError(error: unknown): XopsError | undefined {
  if (error instanceof XopsError) return error;
  if (!(error instanceof Error)) return undefined;
  const code: unknown = 'code' in error ? error.code : undefined;
  // Errors from the store (StoreConflictError) carry a catalogue code so that the server can
  // answer them without knowing which engine said no.
  if (isErrorCode(code)) return new XopsError(code, error.message);
  const status: unknown = 'statusCode' in error ? error.statusCode : undefined;
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  const mapped = typeof code === 'string' ? FASTIFY_CODES[code] : undefined;
  if (mapped) return new XopsError(mapped);
  if (status === 413) return new XopsError('XOPS_ERR_BODY_TOO_LARGE');
  if (status === 415) return new XopsError('XOPS_ERR_UNSUPPORTED_MEDIA_TYPE');
  // Any other 4xx fastify raises (a Content-Length that does not match the body, a URL it
  // cannot decode) is a malformed request.
  return new XopsError('XOPS_ERR_VALIDATION', error.message);
}
