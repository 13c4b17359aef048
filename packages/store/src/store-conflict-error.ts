import type { ErrorCode } from '@xops/contracts';

/**
 * A write that clashes with what is stored (a token name already taken). Carries the API error
 * code, so the server's one error mapping answers 409 without knowing which engine said no.
 */
export class StoreConflictError extends Error {
  readonly code: ErrorCode = 'XOPS_ERR_CONFLICT';

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StoreConflictError';
  }
}
