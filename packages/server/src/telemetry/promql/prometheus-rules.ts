import { formatMetricSelector, type MetricSelector, type PrometheusRulesBody } from '@xops/contracts';
import type { AlertRuleDefinition, SloDefinition } from '@xops/core';
import type { SelectorRule } from '../selector-rules';
import type { PromqlSeriesPlan } from './promql-backfill';

/** A group of a Prometheus rule file (https://prometheus.io/docs/prometheus/latest/configuration/recording_rules/). */
export type PrometheusRuleGroup = PrometheusRulesBody['groups'][number];
type PrometheusRule = PrometheusRuleGroup['rules'][number];

/** Sloth's name for the error ratio over a window (slok/sloth examples/_gen/getting-started.yml). */
const errorRatioRecord = (window: string): string => `slo:sli_error:ratio_rate${window}`;

/**
 * A duration in ms as Prometheus writes one, largest units first: 280 000 → `4m40s`, 86 400 000 → `1d`.
 * Prometheus accepts such compound durations since 2.23.
 */
export function promDuration(ms: number): string {
  const units = [['w', 604_800_000], ['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]] as const;
  let rest = Math.max(1, Math.round(ms));
  let text = '';
  for (const [unit, size] of units) {
    const amount = Math.floor(rest / size);
    if (amount > 0) {
      text += `${amount}${unit}`;
      rest -= amount * size;
    }
  }
  return text;
}

const quote = (text: string): string => JSON.stringify(text);

/** A regex for the `le` label of bucket bound `value`, as clients write it: `0.3`, `1` or `1.0`, `+Inf`. */
function leMatcher(value: number): string {
  if (value === Number.POSITIVE_INFINITY) return 'le="+Inf"';
  const text = String(value);
  const regex = text.includes('.') ? `${text.replace('.', '\\.')}0*` : `${text}(\\.0+)?`;
  // JSON's escaping of `\` is PromQL's too: the regex reaches Prometheus intact.
  return `le=~${quote(regex)}`;
}

function withMatcher(selector: MetricSelector, extra: string | undefined): string {
  const text = formatMetricSelector(selector);
  if (extra === undefined) return text;
  return selector.matchers.length === 0 ? `${text}{${extra}}` : `${text.slice(0, -1)},${extra}}`;
}

/** `sum(rate(<selector>[<window>]))` of one rule, with the bucket matcher of a histogram's `_bucket`. */
function rateSum(rule: SelectorRule, window: string): string {
  return `sum(rate(${withMatcher(rule.selector, rule.le === undefined ? undefined : leMatcher(rule.le))}[${window}]))`;
}

/** The PromQL error ratio of a series over `window`: bad/total, or 1 − good/total. */
function errorRatioExpr(rules: readonly SelectorRule[], window: string): string | undefined {
  const total = rules.find((rule) => rule.role === 'total');
  const bad = rules.find((rule) => rule.role === 'bad');
  const good = rules.find((rule) => rule.role === 'good');
  if (total === undefined) return undefined;
  if (bad !== undefined) return `(${rateSum(bad, window)}) / (${rateSum(total, window)})`;
  if (good !== undefined) return `1 - ((${rateSum(good, window)}) / (${rateSum(total, window)}))`;
  return undefined;
}

function windowsOf(rule: AlertRuleDefinition): number[] {
  if (rule.kind === 'multiwindow-burn-rate') return [rule.longWindowMs, rule.shortWindowMs];
  if (rule.kind === 'burn-rate') return [rule.lookbackWindowMs];
  return [];
}

/**
 * Sloth-style rules (reference/slo.md §2.1) for the objectives of `definitions` whose series a
 * PromQL source feeds: one group per SLO with an error-ratio recording rule per window the alerts
 * need (`slo:sli_error:ratio_rate5m` …) and for the SLO window, the objective and budget as
 * metadata rules, and the SLO's own alert rules, the same tiers as the engine evaluates:
 * multiwindow burn rates (`ErrorBudgetBurn`, both windows above factor × budget), burn-rate
 * conditions with their `for`, `SLOMetricAbsent` for no data, and `ErrorBudgetExhausted`.
 * Series labels: `xops_slo`, `xops_objective`.
 */
export function prometheusRuleGroups(definitions: readonly SloDefinition[], plans: readonly PromqlSeriesPlan[]): PrometheusRuleGroup[] {
  const byKey = new Map(plans.map((plan) => [plan.seriesKey, plan.rules]));
  const groups: PrometheusRuleGroup[] = [];
  for (const definition of definitions) {
    const rules: PrometheusRule[] = [];
    for (const objective of definition.objectives) {
      const series = byKey.get(objective.seriesKey);
      if (series === undefined) continue;
      const labels = { xops_slo: definition.name, xops_objective: objective.name };
      const match = `{xops_slo=${quote(definition.name)},xops_objective=${quote(objective.name)}}`;
      // 1 − 0.999 is 0.0010000000000000009 in binary floating point: print 0.001.
      const budget = Number((1 - objective.target).toPrecision(12));
      const sloWindowMs = definition.window.kind === 'rolling' ? definition.window.durationMs : undefined;
      const windows = [...new Set([...definition.alertRules.flatMap(windowsOf), ...(sloWindowMs === undefined ? [] : [sloWindowMs])])].sort((a, b) => a - b);
      for (const window of windows) {
        const expr = errorRatioExpr(series, promDuration(window));
        if (expr !== undefined) rules.push({ record: errorRatioRecord(promDuration(window)), expr, labels });
      }
      rules.push(
        { record: 'slo:objective:ratio', expr: `vector(${objective.target})`, labels },
        { record: 'slo:error_budget:ratio', expr: `vector(${budget})`, labels },
      );
      const annotations = { summary: `SLO ${definition.name} (${objective.name}) of service ${definition.service} is burning its error budget` };
      for (const rule of definition.alertRules) {
        const alertLabels = { ...labels, severity: rule.severity, xops_rule: rule.name };
        if (rule.kind === 'multiwindow-burn-rate') {
          const threshold = `(${rule.factor} * ${budget})`;
          rules.push({
            alert: 'ErrorBudgetBurn',
            expr: `(max(${errorRatioRecord(promDuration(rule.longWindowMs))}${match}) > ${threshold}) and (max(${errorRatioRecord(promDuration(rule.shortWindowMs))}${match}) > ${threshold})`,
            labels: { ...alertLabels, long: promDuration(rule.longWindowMs), short: promDuration(rule.shortWindowMs) }, annotations,
          });
        } else if (rule.kind === 'burn-rate') {
          const op = { lt: '<', lte: '<=', gt: '>', gte: '>=' }[rule.op];
          rules.push({
            alert: 'ErrorBudgetBurn',
            expr: `max(${errorRatioRecord(promDuration(rule.lookbackWindowMs))}${match}) / ${budget} ${op} ${rule.threshold}`,
            ...(rule.alertAfterMs > 0 ? { for: promDuration(rule.alertAfterMs) } : {}),
            labels: { ...alertLabels, long: promDuration(rule.lookbackWindowMs) }, annotations,
          });
        } else if (rule.kind === 'no-data') {
          const total = series.find((part) => part.role === 'total');
          if (total === undefined) continue;
          rules.push({ alert: 'SLOMetricAbsent', expr: `absent(${formatMetricSelector(total.selector)})`, for: promDuration(rule.afterMs), labels: alertLabels, annotations: { summary: `SLO ${definition.name}: no ${total.selector.name} samples` } });
        } else if (sloWindowMs !== undefined) {
          rules.push({ alert: 'ErrorBudgetExhausted', expr: `max(${errorRatioRecord(promDuration(sloWindowMs))}${match}) > ${budget}`, labels: alertLabels, annotations });
        }
      }
    }
    if (rules.length > 0) groups.push({ name: `xops-slo-${definition.name}`, rules });
  }
  return groups;
}
