import type { AlertIntake, AlertIntakeOutcome, AlertRouting } from './alert-intake';
import { StoreConflictError } from './store-conflict-error';

/**
 * What the main thread asks the alert intake thread: run an intake (with the routing when it
 * changed since the last request), or close. Structured clone carries them: data only.
 */
export type IntakeThreadRequest =
  | { readonly kind: 'intake'; readonly id: number; readonly intake: Omit<AlertIntake, 'routing'>; readonly routing?: AlertRouting }
  | { readonly kind: 'close' };

/** An error as it crosses between threads: its class by name, its message, the driver's code. */
export interface ThreadError {
  readonly name: string;
  readonly message: string;
  readonly code: unknown;
}

/** What the thread answers each request: its outcome or its error. */
export type IntakeThreadAnswer =
  | { readonly kind: 'outcome'; readonly id: number; readonly outcome: AlertIntakeOutcome }
  | { readonly kind: 'error'; readonly id: number; readonly error: ThreadError };

export function describeThreadError(error: unknown): ThreadError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), code: undefined };
  return { name: error.name, message: error.message, code: 'code' in error ? error.code : undefined };
}

/**
 * The error again on the main thread, as its callers test for it: a `StoreConflictError` (a cursor
 * another replica moved, answered 409) as one; any other with the driver's `code` kept.
 */
export function rebuildThreadError(error: ThreadError): Error {
  if (error.name === 'StoreConflictError') return new StoreConflictError(error.message);
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  return Object.assign(rebuilt, { code: error.code });
}
