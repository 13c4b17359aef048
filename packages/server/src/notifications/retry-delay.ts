/** The wait before the first retry (ADR 0013). */
export const RETRY_BASE_MS = 5000;
/** The longest wait between two attempts: 10 minutes. */
export const RETRY_CAP_MS = 600_000;
/** Attempts before a notification is given up and its escalation moves on. */
export const MAX_ATTEMPTS = 5;

/**
 * How long to wait after the `failedAttempts`-th failed attempt: 5 s × 2ⁿ⁻¹, at most 10 min.
 *
 * @example retryDelayMs(1) // → 5000; retryDelayMs(4) // → 40_000; retryDelayMs(9) // → 600_000
 */
export function retryDelayMs(failedAttempts: number): number {
  const exponent = Math.max(0, failedAttempts - 1);
  // 2^7 × 5 s already passes the cap; stopping there keeps huge counts finite.
  return Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.min(exponent, 7));
}
