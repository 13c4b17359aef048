import { ERROR_CODES, type ErrorCode } from '@xops/contracts';

/**
 * An expected failure at the HTTP edge, carrying a code from the one catalogue
 * (`ERROR_CODES`). The error handler turns it into `{ error: { code, message, details } }`
 * with the status `errorStatus(code)` gives.
 *
 * @example throw new XopsError('XOPS_ERR_NOT_FOUND', 'SLO "checkout" does not exist')
 */
export class XopsError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string = ERROR_CODES[code], details?: unknown) {
    super(message);
    this.name = 'XopsError';
    this.code = code;
    this.details = details;
  }
}
