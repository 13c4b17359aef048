import type { AlertKey, AlertState, AlertStatus } from './alert-state';

/**
 * The mutable state of one alert instance inside the engine; `AlertState` is its frozen view.
 * NaN stands for null: number-only fields are updated in place, while a field that may hold null
 * boxes every new value, an allocation per rule per tick.
 */
export interface AlertRecord {
  status: AlertStatus;
  activeSince: number;
  firedAt: number;
  resolvedAt: number;
  value: number;
}

export function newAlertRecord(): AlertRecord {
  return { status: 'inactive', activeSince: Number.NaN, firedAt: Number.NaN, resolvedAt: Number.NaN, value: Number.NaN };
}

const fromNullable = (value: number | null): number => value ?? Number.NaN;
const toNullable = (value: number): number | null => (Number.isNaN(value) ? null : value);

/** Takes over a saved state (after a restart or a lease takeover), so a firing alert does not fire again. */
export function restoreAlertRecord(record: AlertRecord, state: AlertState): void {
  record.status = state.status;
  record.activeSince = fromNullable(state.activeSince);
  record.firedAt = fromNullable(state.firedAt);
  record.resolvedAt = fromNullable(state.resolvedAt);
  record.value = fromNullable(state.value);
}

/** The stored view of a record. (Fields listed one by one: an object spread here costs microseconds in V8 12.) */
export function alertStateOf(key: AlertKey, severity: string, record: AlertRecord): AlertState {
  return {
    slo: key.slo, objective: key.objective, rule: key.rule, severity, status: record.status,
    activeSince: toNullable(record.activeSince), firedAt: toNullable(record.firedAt), resolvedAt: toNullable(record.resolvedAt), value: toNullable(record.value),
  };
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
export function stepAlert(record: AlertRecord, holds: boolean, value: number, now: number, alertAfterMs: number): AlertStatus | null {
  const from = record.status;
  record.value = value;
  if (holds) {
    if (from === 'firing') return null;
    if (from !== 'pending') {
      record.activeSince = now;
      record.firedAt = Number.NaN;
      record.resolvedAt = Number.NaN;
    }
    if (now - record.activeSince >= alertAfterMs) {
      record.status = 'firing';
      record.firedAt = now;
    } else {
      record.status = 'pending';
    }
  } else if (from === 'pending') {
    record.status = 'inactive';
    record.activeSince = Number.NaN;
  } else if (from === 'firing') {
    record.status = 'resolved';
    record.resolvedAt = now;
  }
  return record.status === from ? null : from;
}
