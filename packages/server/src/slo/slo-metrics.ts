import { formatDurationLabel } from '@xops/contracts';
import { Gauge, type Registry } from 'prom-client';
import type { SloEvaluator } from './slo-evaluator';

/**
 * The SLO engine's view at `/metrics`, per SLO and objective (`*` for a composite as a whole), as
 * of this replica's latest evaluation: `xops_slo_sli`, `xops_slo_error_budget_remaining`,
 * `xops_slo_burn_rate{window="1h"}` and `xops_slo_alerts_firing{severity}`. A value the engine
 * has not got (no data yet) is left out rather than exported as NaN.
 */
export function registerSloMetrics(registry: Registry, evaluator: SloEvaluator): void {
  const labelNames = ['slo', 'objective'] as const;
  new Gauge({
    name: 'xops_slo_sli', help: 'SLI of an SLO objective over its window, as a fraction (0.999 = 99.9 %).', labelNames, registers: [registry],
    collect() {
      this.reset();
      for (const status of evaluator.statuses()) {
        for (const objective of status.objectives) if (objective.sli !== null) this.set({ slo: status.slo, objective: objective.objective }, objective.sli);
      }
    },
  });
  new Gauge({
    name: 'xops_slo_error_budget_remaining', help: 'Share of the error budget left over the SLO window: 1 untouched, 0 spent, below 0 overspent.', labelNames, registers: [registry],
    collect() {
      this.reset();
      for (const status of evaluator.statuses()) {
        for (const objective of status.objectives) this.set({ slo: status.slo, objective: objective.objective }, objective.budget.remaining);
      }
    },
  });
  new Gauge({
    name: 'xops_slo_burn_rate', help: 'How fast the error budget burns over the window: 1 spends it exactly in the SLO window.', labelNames: [...labelNames, 'window'], registers: [registry],
    collect() {
      this.reset();
      for (const status of evaluator.statuses()) {
        for (const objective of status.objectives) {
          for (const { windowMs, burnRate } of objective.burnRates) {
            if (burnRate !== null) this.set({ slo: status.slo, objective: objective.objective, window: formatDurationLabel(windowMs) }, burnRate);
          }
        }
      }
    },
  });
  new Gauge({
    name: 'xops_slo_alerts_firing', help: 'SLO alerts firing, by severity; 0 for every severity the SLO\'s rules have.', labelNames: [...labelNames, 'severity'], registers: [registry],
    collect() {
      this.reset();
      for (const status of evaluator.statuses()) {
        for (const objective of status.objectives) {
          const firing = new Map<string, number>();
          for (const alert of objective.alerts) firing.set(alert.severity, (firing.get(alert.severity) ?? 0) + (alert.status === 'firing' ? 1 : 0));
          for (const [severity, count] of firing) this.set({ slo: status.slo, objective: objective.objective, severity }, count);
        }
      }
    },
  });
}
