import type { ObjectiveSummaryBody, SloSummaryBody, StoredObject } from '@xops/contracts';
import { objectLabels } from '../objects/object-fields';

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

/**
 * The overview's rows: one per objective of each SLO (one row with the problem when it has no
 * status), with the labels of the SLO over its Service's and the team among them.
 */
export function buildSloRows(summaries: readonly SloSummaryBody[], services: readonly StoredObject[]): SloRow[] {
  const servicesByName = new Map(services.map((service) => [service.name, service]));
  return summaries.flatMap((summary): SloRow[] => {
    const service = servicesByName.get(summary.service);
    const labels = { ...(service ? objectLabels(service) : {}), ...summary.labels };
    const team = labels.team?.[0] ?? null;
    const base = { slo: summary.slo, displayName: summary.displayName, service: summary.service, labels, team };
    if (summary.objectives.length === 0) {
      return [{
        ...base, key: summary.slo, objective: null, target: null, sli: null, budgetRemaining: null, fastestBurn: null,
        alert: { level: 'ok', severity: null, rule: null }, problem: summary.unavailable?.message ?? 'not evaluated yet', state: 'unknown',
      }];
    }
    const several = summary.objectives.length > 1;
    return summary.objectives.map((objective) => rowOf(base, objective, several));
  });
}

function rowOf(base: Pick<SloRow, 'slo' | 'displayName' | 'service' | 'labels' | 'team'>, objective: ObjectiveSummaryBody, several: boolean): SloRow {
  const alert = worstAlert(objective);
  return {
    ...base,
    key: several ? `${base.slo}/${objective.objective}` : base.slo,
    objective: several ? objective.objective : null,
    target: objective.target,
    sli: objective.sli,
    budgetRemaining: objective.errorBudgetRemaining,
    fastestBurn: objective.fastestBurn === null ? null : { window: objective.fastestBurn.window, rate: objective.fastestBurn.burnRate },
    alert,
    problem: null,
    state: alert.level !== 'ok' ? alert.level : objective.sli === null ? 'no-data' : 'ok',
  };
}

function worstAlert(objective: ObjectiveSummaryBody): SloRow['alert'] {
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
