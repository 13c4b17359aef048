import type { ObjectiveStatusBody, SloSeriesBody, SloStatusBody } from '@xops/contracts';
import { useMemo } from 'react';
import type { ChartMarker } from '../charts/chart-marker';
import { lineColor, REFERENCE_COLOR } from '../charts/chart-colors';
import { TimeChart, type ChartLine, type ZoomRange } from '../charts/time-chart';
import { formatBurnRate, formatPercent } from '../format/percent';
import { burnTiers } from './burn-tiers';
import { idealBudgetLine, windowLengthMs } from './ideal-budget';

const DASHED = [6, 4] as const;

interface SloChartsProps {
  readonly status: SloStatusBody;
  readonly objective: ObjectiveStatusBody;
  readonly series: SloSeriesBody;
  readonly markers: readonly ChartMarker[];
  readonly zoom: ZoomRange | null;
  readonly onZoom: (zoom: ZoomRange | null) => void;
}

/**
 * The SLO detail's charts for one objective, sharing one time axis and zoom: the SLI against the
 * target, the error-budget burn-down with its ideal line, and the burn rate of each alert tier
 * against its threshold. Every chart carries the timeline's markers.
 */
export function SloCharts({ status, objective, series, markers, zoom, onZoom }: SloChartsProps) {
  const times = useMemo(() => series.at.map((at) => Date.parse(at) / 1000), [series]);
  const column = series.objectives.find((candidate) => candidate.objective === objective.objective) ?? series.objectives[0];

  const sliLines = useMemo((): ChartLine[] => column === undefined ? [] : [
    { label: 'SLI', values: column.sli, color: lineColor(0) },
    { label: 'Target', values: times.map(() => column.target), color: REFERENCE_COLOR, dash: DASHED },
  ], [column, times]);

  const budgetLines = useMemo((): ChartLine[] => column === undefined ? [] : [
    { label: 'Budget left', values: column.errorBudgetRemaining, color: lineColor(0) },
    {
      label: 'Ideal', color: REFERENCE_COLOR, dash: DASHED,
      values: idealBudgetLine(times, Date.parse(objective.window.from), windowLengthMs(status.window, objective)),
    },
  ], [column, times, objective, status.window]);

  const tiers = useMemo(() => {
    if (column === undefined) return [];
    const byWindow = new Map(column.burnRates.map((rate) => [rate.window, rate.values]));
    return burnTiers(status.alertRules, [...byWindow.keys()]).map((tier) => ({
      tier,
      lines: [
        ...tier.windows.map((window, index): ChartLine => ({ label: `${window} burn rate`, values: byWindow.get(window) ?? [], color: lineColor(index) })),
        ...(tier.threshold === null ? [] : [{ label: `Threshold ${formatBurnRate(tier.threshold)}`, values: times.map(() => tier.threshold), color: REFERENCE_COLOR, dash: DASHED }]),
      ],
    }));
  }, [column, status.alertRules, times]);

  if (column === undefined) return <p className="muted">The series has no objective to draw.</p>;
  const common = { times, markers, zoom, onZoom };
  return (
    <div className="charts">
      <TimeChart
        {...common} testId="chart-sli" title="SLI against the target" format={(value) => formatPercent(value)} lines={sliLines}
        description={`The share of good events at each point, and the target of ${formatPercent(objective.target)}.`}
      />
      <TimeChart
        {...common} testId="chart-budget" title="Error budget burn-down" format={(value) => formatPercent(value, 1)} lines={budgetLines}
        description="The budget left over the window at each point; the dashed line is the budget left had it been spent evenly over the current window."
      />
      {tiers.map(({ tier, lines }) => (
        <TimeChart
          key={tier.title} {...common} testId="chart-burn-rate" title={`Burn rate: ${tier.title}${tier.severity === null ? '' : ` (${tier.severity})`}`}
          format={formatBurnRate} lines={lines} height={180}
          description={tier.threshold === null
            ? `Burn rate over ${tier.windows.join(', ')}: 1× spends the budget exactly over the window.`
            : `Burn rate over ${tier.windows.join(' and ')}; the alert fires when ${tier.windows.length > 1 ? 'both are' : 'it is'} above ${formatBurnRate(tier.threshold)}.`}
        />
      ))}
    </div>
  );
}
