import type { AlertState, AlertStatus } from './alert-state';

/** The mutable state of one alert instance inside the engine; `AlertState` is its frozen view. */
export interface AlertRecord {
  status: AlertStatus;
  activeSince: number | null;
  firedAt: number | null;
  resolvedAt: number | null;
  value: number | null;
}

export function newAlertRecord(): AlertRecord {
  return { status: 'inactive', activeSince: null, firedAt: null, resolvedAt: null, value: null };
}

/** Takes over a saved state (after a restart or a lease takeover), so a firing alert does not fire again. */
export function restoreAlertRecord(record: AlertRecord, state: AlertState): void {
  record.status = state.status;
  record.activeSince = state.activeSince;
  record.firedAt = state.firedAt;
  record.resolvedAt = state.resolvedAt;
  record.value = state.value;
}

/**
 * Moves one alert one evaluation forward and returns the status it left, or null when it stayed.
 *
 * ```
 * inactive | resolved ──holds──► pending ──holds for alertAfterMs──► firing ──stops holding──► resolved
 *                      └─holds, alertAfterMs = 0──────────────────────►┘
 * pending ──stops holding──► inactive
 * ```
 *
 * `activeSince` is when the condition began to hold; `alertAfterMs` counts from it (OpenSLO
 * `alertAfter`), so an alert fires at the first evaluation at least that long after.
 */
export function stepAlert(record: AlertRecord, holds: boolean, value: number | null, now: number, alertAfterMs: number): AlertStatus | null {
  const from = record.status;
  record.value = value;
  if (holds) {
    if (from === 'firing') return null;
    if (from !== 'pending') {
      record.activeSince = now;
      record.firedAt = null;
      record.resolvedAt = null;
    }
    const since = record.activeSince ?? now;
    if (now - since >= alertAfterMs) {
      record.status = 'firing';
      record.firedAt = now;
    } else {
      record.status = 'pending';
    }
  } else if (from === 'pending') {
    record.status = 'inactive';
    record.activeSince = null;
  } else if (from === 'firing') {
    record.status = 'resolved';
    record.resolvedAt = now;
  }
  return record.status === from ? null : from;
}
