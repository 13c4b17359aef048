import type { AlertState, AlertStatus, AlertTransition } from '@xops/core';
import type { Kysely, Selectable } from 'kysely';
import { holdLeaseForWrite } from './leases';
import { runInTransaction } from './run-in-transaction';
import type { AlertStatesTable, AlertTransitionsTable, XopsDatabase } from './xops-database';

// A Record, so a status added to core's union fails to compile here until it is listed.
const STATUS_NAMES: Readonly<Record<AlertStatus, AlertStatus>> = { inactive: 'inactive', pending: 'pending', firing: 'firing', resolved: 'resolved' };
const STATUSES = new Map<string, AlertStatus>(Object.values(STATUS_NAMES).map((status) => [status, status]));
/** Transitions per page when the caller names no limit, and the most it may ask for. */
const TRANSITION_PAGE = { default: 1000, max: 10_000 } as const;
// 9 parameters a row: far below both engines' bind-parameter limits.
const ROWS_PER_STATEMENT = 500;

/** Every alert state, or those of one SLO, ordered by SLO, objective and rule. */
export async function listAlertStates(db: Kysely<XopsDatabase>, slo?: string): Promise<AlertState[]> {
  const rows = await db.selectFrom('alert_states').selectAll()
    .$if(slo !== undefined, (qb) => qb.where('slo', '=', slo ?? ''))
    .orderBy('slo').orderBy('objective').orderBy('rule')
    .execute();
  return rows.map(toAlertState);
}

/**
 * Transitions newest first (by time, then by the order they were recorded), optionally of one
 * SLO and with `at` in `[from, to)`; `limit` is clamped to 1…10,000 (default 1000).
 */
export async function listAlertTransitions(
  db: Kysely<XopsDatabase>,
  options: { slo?: string; from?: number; to?: number; limit?: number } = {},
): Promise<AlertTransition[]> {
  const { slo, from, to } = options;
  const asked = Math.trunc(options.limit ?? TRANSITION_PAGE.default);
  const limit = Number.isNaN(asked) ? TRANSITION_PAGE.default : Math.min(Math.max(asked, 1), TRANSITION_PAGE.max);
  const rows = await db.selectFrom('alert_transitions').selectAll()
    .$if(slo !== undefined, (qb) => qb.where('slo', '=', slo ?? ''))
    .$if(from !== undefined, (qb) => qb.where('at', '>=', from ?? 0))
    .$if(to !== undefined, (qb) => qb.where('at', '<', to ?? 0))
    .orderBy('at', 'desc').orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toAlertTransition);
}

/**
 * Saves one evaluation tick in one transaction, fenced by the lease: nothing is written and
 * false returned unless `holder` holds `lease` at `now`. States are upserted by
 * `(slo, objective, rule)`; states not given are left as they are. A transition already recorded
 * (same SLO, objective, rule, time and new status: a retried or replayed tick) is skipped, so
 * saving the same tick twice records each transition once.
 */
export async function saveEvaluation(
  db: Kysely<XopsDatabase>,
  input: { lease: string; holder: string; now: number; states: readonly AlertState[]; transitions: readonly AlertTransition[] },
): Promise<boolean> {
  return runInTransaction(db, { dryRun: false }, async (trx) => {
    if (!(await holdLeaseForWrite(trx, input.lease, input.holder, input.now))) return false;
    for (const rows of chunks(input.states.map(toStateRow))) {
      await trx.insertInto('alert_states').values(rows)
        .onConflict((oc) => oc.columns(['slo', 'objective', 'rule']).doUpdateSet((eb) => ({
          status: eb.ref('excluded.status'),
          severity: eb.ref('excluded.severity'),
          active_since: eb.ref('excluded.active_since'),
          fired_at: eb.ref('excluded.fired_at'),
          resolved_at: eb.ref('excluded.resolved_at'),
          value: eb.ref('excluded.value'),
        })))
        .execute();
    }
    for (const rows of chunks(input.transitions.map(toTransitionRow))) {
      await trx.insertInto('alert_transitions').values(rows)
        .onConflict((oc) => oc.columns(['slo', 'objective', 'rule', 'at', 'to_status']).doNothing())
        .execute();
    }
    return true;
  });
}

function* chunks<T>(rows: readonly T[]): Generator<T[]> {
  for (let offset = 0; offset < rows.length; offset += ROWS_PER_STATEMENT) yield rows.slice(offset, offset + ROWS_PER_STATEMENT);
}

function toStateRow(state: AlertState): AlertStatesTable {
  return {
    slo: state.slo,
    objective: state.objective,
    rule: state.rule,
    status: state.status,
    severity: state.severity,
    active_since: state.activeSince,
    fired_at: state.firedAt,
    resolved_at: state.resolvedAt,
    value: finiteOrNull(state.value),
  };
}

function toTransitionRow(transition: AlertTransition): Omit<AlertTransitionsTable, 'id'> {
  return {
    slo: transition.slo,
    objective: transition.objective,
    rule: transition.rule,
    at: transition.at,
    from_status: transition.from,
    to_status: transition.to,
    severity: transition.severity,
    value: finiteOrNull(transition.value),
  };
}

// A burn rate over an empty window may come out as NaN or Infinity, which neither engine stores
// as a number (PostgreSQL would, SQLite turns NaN into NULL): store "no value" on both.
function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}

function toAlertState(row: Selectable<AlertStatesTable>): AlertState {
  return {
    slo: row.slo,
    objective: row.objective,
    rule: row.rule,
    status: toStatus(row.status),
    severity: row.severity,
    activeSince: row.active_since,
    firedAt: row.fired_at,
    resolvedAt: row.resolved_at,
    value: row.value,
  };
}

function toAlertTransition(row: Selectable<AlertTransitionsTable>): AlertTransition {
  return {
    slo: row.slo,
    objective: row.objective,
    rule: row.rule,
    at: row.at,
    from: toStatus(row.from_status),
    to: toStatus(row.to_status),
    severity: row.severity,
    value: row.value,
  };
}

function toStatus(text: string): AlertStatus {
  const status = STATUSES.get(text);
  if (status === undefined) throw new Error(`the store holds an unknown alert status "${text}"`);
  return status;
}
