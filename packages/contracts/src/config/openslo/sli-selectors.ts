import type { ConfigProblem } from '../config-object';
import { parseMetricSelector } from '../metric-selector';
import { ownField } from '../plain-object';
import { isPromqlSourceType } from './promql-data-source';

/** The `metricSource.type` of metrics fed by xops itself: the events API, or telemetry matched by a selector. */
export const XOPS_SOURCE_TYPE = 'xops';

const RATIO_PARTS = ['good', 'bad', 'total'] as const;
const HISTOGRAM_SUFFIXES = ['_bucket', '_count', '_sum'];

/**
 * True when xops reads `selector`/`histogram` from a metric's spec: its `metricSource.type` is
 * `xops` or `Prometheus`, or it has no type and names a DataSource (which may be either; a
 * DataSource of another type gives such fields no meaning, and they are checked all the same).
 */
function readsSelectors(metric: unknown): boolean {
  const source = ownField(metric, 'metricSource');
  const type = ownField(source, 'type');
  if (type === undefined) return ownField(source, 'metricSourceRef') !== undefined;
  return isXopsMetric(metric) || isPromqlSourceType(type);
}

/** True when a metric's `metricSource.type` is `xops` (case-insensitive). */
export function isXopsMetric(metric: unknown): boolean {
  const type = ownField(ownField(metric, 'metricSource'), 'type');
  return typeof type === 'string' && type.toLowerCase() === XOPS_SOURCE_TYPE;
}

/**
 * The problems of the selectors of an SLI spec fed by xops telemetry or a PromQL DataSource (issue 4): `spec.selector` on
 * `ratioMetric.good|bad|total`, `spec.histogram` on `thresholdMetric`, each a PromQL selector that
 * must parse; a ratio's metrics all with a selector or none (events and samples do not mix).
 * Metrics of other source types keep a free-form `spec`. Paths are relative to the SLI's spec.
 */
export function sliSelectorProblems(spec: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const ratio = ownField(spec, 'ratioMetric');
  const withSelector: string[] = [];
  const without: string[] = [];
  for (const part of RATIO_PARTS) {
    const metric = ownField(ratio, part);
    if (!readsSelectors(metric)) continue;
    const path = ['ratioMetric', part, 'metricSource', 'spec'];
    const source = ownField(ownField(metric, 'metricSource'), 'spec');
    if (ownField(source, 'histogram') !== undefined) {
      problems.push({ path: [...path, 'histogram'], message: '`histogram` goes on a thresholdMetric (a latency SLI); a ratioMetric counts series given by `selector`' });
    }
    const selector = ownField(source, 'selector');
    if (selector === undefined) without.push(part);
    else {
      withSelector.push(part);
      problems.push(...selectorProblems(selector, [...path, 'selector'], 'counter'));
    }
  }
  if (withSelector.length > 0 && without.length > 0) {
    problems.push({ path: ['ratioMetric', without[0] ?? 'total', 'metricSource', 'spec'], message: `give \`selector\` on every metric of the ratio or on none: ${withSelector.join(', ')} ${withSelector.length === 1 ? 'has' : 'have'} one, ${without.join(', ')} not (a ratio is counted either from samples or from JSON events)` });
  }
  if (withSelector.length > 0 && ownField(ratio, 'counter') === false) {
    problems.push({ path: ['ratioMetric', 'counter'], message: 'selectors count counters (their increase per 10-second bucket): set `counter: true` or leave it out' });
  }
  const raw = ownField(ratio, 'raw');
  if (readsSelectors(raw) && ownField(ownField(ownField(raw, 'metricSource'), 'spec'), 'selector') !== undefined) {
    problems.push({ path: ['ratioMetric', 'raw', 'metricSource', 'spec', 'selector'], message: 'a precomputed `raw` ratio cannot be read from telemetry: count good (or bad) and total with a selector each' });
  }

  const threshold = ownField(spec, 'thresholdMetric');
  if (readsSelectors(threshold)) {
    const source = ownField(ownField(threshold, 'metricSource'), 'spec');
    const path = ['thresholdMetric', 'metricSource', 'spec'];
    if (ownField(source, 'selector') !== undefined) {
      problems.push({ path: [...path, 'selector'], message: 'a thresholdMetric reads a histogram: give `histogram: \'http_request_duration_seconds{…}\'` (its base name, without _bucket)' });
    }
    const histogram = ownField(source, 'histogram');
    if (histogram !== undefined) problems.push(...selectorProblems(histogram, [...path, 'histogram'], 'histogram'));
  }
  return problems;
}

function selectorProblems(value: unknown, path: readonly (string | number)[], what: 'counter' | 'histogram'): ConfigProblem[] {
  const example = what === 'counter' ? 'http_requests_total{service="checkout",code!~"5.."}' : 'http_request_duration_seconds{service="checkout"}';
  if (typeof value !== 'string') return [{ path, message: `must be a PromQL selector in a string, e.g. '${example}'` }];
  const parsed = parseMetricSelector(value);
  if (!parsed.ok) {
    return parsed.problems.map((problem) => ({ path, message: `not a valid selector at character ${problem.offset + 1} of ${JSON.stringify(value)}: ${problem.message}` }));
  }
  const suffix = HISTOGRAM_SUFFIXES.find((candidate) => parsed.value.name.endsWith(candidate));
  if (what === 'histogram' && suffix !== undefined) {
    return [{ path, message: `give the histogram's base name \`${parsed.value.name.slice(0, -suffix.length)}\`: xops reads its _bucket and _count series itself` }];
  }
  if (what === 'histogram' && parsed.value.matchers.some((matcher) => matcher.label === 'le')) {
    return [{ path, message: 'leave `le` out: the bucket is chosen by the objective\'s `value` (in seconds)' }];
  }
  return [];
}
