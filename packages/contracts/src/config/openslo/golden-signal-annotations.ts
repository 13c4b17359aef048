import type { ConfigProblem } from '../config-object';
import { parseMetricSelector, type MetricSelector } from '../metric-selector';

/** The four golden signals of a service (SRE book, ch. 6 "Monitoring Distributed Systems"). */
export type GoldenSignal = 'requests' | 'errors' | 'latency' | 'saturation';

/**
 * The `metadata.annotations` of a Service that declare where its golden signals come from, each a
 * PromQL selector: `requests` and `errors` count requests (counters), `latency` names a
 * histogram by its base name, `saturation` a gauge between 0 and 1.
 */
export const GOLDEN_SIGNAL_ANNOTATIONS: Readonly<Record<GoldenSignal, string>> = {
  requests: 'xops.dev/requests',
  errors: 'xops.dev/errors',
  latency: 'xops.dev/latency',
  saturation: 'xops.dev/saturation',
};

/** Every golden signal, in the order they are shown. */
export const GOLDEN_SIGNALS: readonly GoldenSignal[] = ['requests', 'errors', 'latency', 'saturation'];
const SIGNALS = GOLDEN_SIGNALS;
const HISTOGRAM_SUFFIXES = ['_bucket', '_count', '_sum'];

/** The parsed selectors a Service declares; a signal without its annotation is absent. */
export type GoldenSignalSelectors = Partial<Record<GoldenSignal, MetricSelector>>;

/**
 * The problems of a Service's golden-signal annotations, paths relative to the document: each
 * must parse as a selector, `latency` is a histogram's base name without `le`, and `errors`
 * needs `requests` (the error ratio is errors over requests).
 */
export function goldenSignalProblems(annotations: Readonly<Record<string, string>> | undefined): ConfigProblem[] {
  if (annotations === undefined) return [];
  const problems: ConfigProblem[] = [];
  for (const signal of SIGNALS) {
    const key = GOLDEN_SIGNAL_ANNOTATIONS[signal];
    const text = annotations[key];
    if (text === undefined) continue;
    const path = ['metadata', 'annotations', key];
    const parsed = parseMetricSelector(text);
    if (!parsed.ok) {
      problems.push(...parsed.problems.map((problem) => ({ path, message: `not a valid selector at character ${problem.offset + 1} of ${JSON.stringify(text)}: ${problem.message}` })));
      continue;
    }
    const suffix = HISTOGRAM_SUFFIXES.find((candidate) => parsed.value.name.endsWith(candidate));
    if (signal === 'latency' && suffix !== undefined) {
      problems.push({ path, message: `give the histogram's base name \`${parsed.value.name.slice(0, -suffix.length)}\`: xops reads its _bucket series itself` });
    } else if (signal === 'latency' && parsed.value.matchers.some((matcher) => matcher.label === 'le')) {
      problems.push({ path, message: 'leave `le` out: every bucket is read to compute p50, p90 and p99' });
    }
  }
  if (annotations[GOLDEN_SIGNAL_ANNOTATIONS.errors] !== undefined && annotations[GOLDEN_SIGNAL_ANNOTATIONS.requests] === undefined) {
    problems.push({ path: ['metadata', 'annotations', GOLDEN_SIGNAL_ANNOTATIONS.errors], message: `\`${GOLDEN_SIGNAL_ANNOTATIONS.errors}\` needs \`${GOLDEN_SIGNAL_ANNOTATIONS.requests}\`: the error ratio is errors over requests` });
  }
  return problems;
}

/** The selectors of a Service's golden-signal annotations that parse; see `goldenSignalProblems`. */
export function goldenSignalSelectors(annotations: Readonly<Record<string, string>> | undefined): GoldenSignalSelectors {
  const selectors: GoldenSignalSelectors = {};
  for (const signal of SIGNALS) {
    const text = annotations?.[GOLDEN_SIGNAL_ANNOTATIONS[signal]];
    if (text === undefined) continue;
    const parsed = parseMetricSelector(text);
    if (parsed.ok) selectors[signal] = parsed.value;
  }
  return selectors;
}
