import type { ObjectiveStatusBody, SloStatusBody } from '@xops/contracts';
import { formatBurnRate, formatPercent } from '../format/percent';
import { formatInstant, formatSeconds } from '../format/time-text';
import { BudgetBar } from '../overview/budget-bar';
import { windowLabel } from './window-label';

/** Where one objective stands at the latest evaluation: the figures the charts draw over time. */
export function SloSummary({ status, objective }: { readonly status: SloStatusBody; readonly objective: ObjectiveStatusBody }) {
  const budget = objective.errorBudget;
  const active = objective.alerts.filter((alert) => alert.status === 'firing' || alert.status === 'pending');
  return (
    <section aria-labelledby="summary-heading" data-testid="slo-summary">
      <h2 id="summary-heading">Now</h2>
      <dl className="figures">
        <div><dt>Target</dt><dd data-testid="target">{formatPercent(objective.target)}</dd></div>
        <div><dt>SLI</dt><dd data-testid="sli">{formatPercent(objective.sli)}</dd></div>
        <div><dt>Budget left</dt><dd><BudgetBar remaining={budget.remaining} /></dd></div>
        <div>
          <dt>Budget spent</dt>
          <dd>{String(Number(budget.consumed.toFixed(2)))} of {String(Number(budget.total.toFixed(2)))} {budget.unit}</dd>
        </div>
        <div>
          <dt>Exhausted in</dt>
          <dd>{objective.timeToExhaustionSeconds === null ? 'not burning' : objective.timeToExhaustionSeconds === 0 ? 'already spent' : formatSeconds(objective.timeToExhaustionSeconds)}</dd>
        </div>
        <div><dt>Window</dt><dd>{windowLabel(status.window)}, {status.budgetingMethod}</dd></div>
      </dl>
      <p className="muted">
        Burn rates: {objective.burnRates.map((rate) => `${rate.window} ${formatBurnRate(rate.burnRate)}`).join(' · ') || 'none'}.
        {' '}Evaluated {formatInstant(status.evaluatedAt)}.
      </p>
      <p data-testid="active-alerts">
        {active.length === 0 ? 'No alert is pending or firing.' : active.map((alert) => `${alert.rule} (${alert.severity}) ${alert.status}`).join('; ')}
      </p>
    </section>
  );
}
