import type { ObjectiveStatusBody, SloStatusBody, StoredObject } from '@xops/contracts';
import { objectDisplayName, objectLabels, sloServiceName } from '../objects/object-fields';

/** What an overview row says about its alerts: the worst alert of the objective. */
export type AlertLevel = 'firing' | 'pending' | 'ok';

/** The state the overview filters by: alerts first, then whether there is data at all. */
export type RowState = 'firing' | 'pending' | 'ok' | 'no-data' | 'unknown';
export const ROW_STATES: readonly RowState[] = ['firing', 'pending', 'ok', 'no-data', 'unknown'];
/** Each state in words, as the overview shows and filters it. */
export const ROW_STATE_TEXT: Readonly<Record<RowState, string>> = {
  firing: 'Firing', pending: 'Pending', ok: 'OK', 'no-data': 'No data', unknown: 'Unknown',
};

/** One objective of one SLO, as a row of the overview. */
export interface SloRow {
  /** Unique per row: `slo` or `slo/objective` when the SLO has several. */
  readonly key: string;
  readonly slo: string;
  /** The objective's name, `*` for a composite SLO as a whole; null for an SLO with one objective. */
  readonly objective: string | null;
  readonly displayName: string;
  readonly service: string;
  /** The SLO's labels over its Service's (the SLO wins). */
  readonly labels: Readonly<Record<string, readonly string[]>>;
  /** The `team` label, of the SLO or else of its Service. */
  readonly team: string | null;
  readonly target: number | null;
  readonly sli: number | null;
  readonly budgetRemaining: number | null;
  readonly fastestBurn: { readonly window: string; readonly rate: number } | null;
  readonly alert: { readonly level: AlertLevel; readonly severity: string | null; readonly rule: string | null };
  /** Why there is no status (not evaluated yet, a broken definition); null when there is one. */
  readonly problem: string | null;
  readonly state: RowState;
}

/** Where an SLO's status stands: loaded, or why not. */
export type StatusResult = { readonly ok: true; readonly value: SloStatusBody } | { readonly ok: false; readonly problem: string };

/**
 * The overview's rows: one per objective of each SLO (one row with the problem when its status
 * is missing), with the labels and team of the SLO and its Service.
 */
export function buildSloRows(slos: readonly StoredObject[], services: readonly StoredObject[], statuses: ReadonlyMap<string, StatusResult>): SloRow[] {
  const servicesByName = new Map(services.map((service) => [service.name, service]));
  return slos.flatMap((slo): SloRow[] => {
    const serviceName = sloServiceName(slo) ?? '';
    const service = servicesByName.get(serviceName);
    const labels = { ...(service ? objectLabels(service) : {}), ...objectLabels(slo) };
    const team = labels.team?.[0] ?? null;
    const base = { slo: slo.name, displayName: objectDisplayName(slo), service: serviceName, labels, team };
    const status = statuses.get(slo.name);
    if (status === undefined || !status.ok) {
      const problem = status === undefined ? 'not loaded yet' : status.problem;
      return [{
        ...base, key: slo.name, objective: null, target: null, sli: null, budgetRemaining: null, fastestBurn: null,
        alert: { level: 'ok', severity: null, rule: null }, problem, state: 'unknown',
      }];
    }
    const several = status.value.objectives.length > 1;
    return status.value.objectives.map((objective) => rowOf(base, objective, several));
  });
}

function rowOf(base: Pick<SloRow, 'slo' | 'displayName' | 'service' | 'labels' | 'team'>, objective: ObjectiveStatusBody, several: boolean): SloRow {
  const alert = worstAlert(objective);
  return {
    ...base,
    key: several ? `${base.slo}/${objective.objective}` : base.slo,
    objective: several ? objective.objective : null,
    target: objective.target,
    sli: objective.sli,
    budgetRemaining: objective.errorBudget.remaining,
    fastestBurn: fastestBurn(objective),
    alert,
    problem: null,
    state: alert.level !== 'ok' ? alert.level : objective.sli === null ? 'no-data' : 'ok',
  };
}

function fastestBurn(objective: ObjectiveStatusBody): SloRow['fastestBurn'] {
  let best: SloRow['fastestBurn'] = null;
  for (const { window, burnRate } of objective.burnRates) {
    if (burnRate !== null && (best === null || burnRate > best.rate)) best = { window, rate: burnRate };
  }
  return best;
}

function worstAlert(objective: ObjectiveStatusBody): SloRow['alert'] {
  const firing = objective.alerts.find((alert) => alert.status === 'firing' && isPage(alert.severity))
    ?? objective.alerts.find((alert) => alert.status === 'firing');
  if (firing) return { level: 'firing', severity: firing.severity, rule: firing.rule };
  const pending = objective.alerts.find((alert) => alert.status === 'pending');
  if (pending) return { level: 'pending', severity: pending.severity, rule: pending.rule };
  return { level: 'ok', severity: null, rule: null };
}

/** Severities that page someone (as the router reads them, ADR 0012). */
export function isPage(severity: string | null): boolean {
  return severity === 'page' || severity === 'critical';
}
