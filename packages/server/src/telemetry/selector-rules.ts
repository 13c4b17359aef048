import {
  isPromqlSourceType, isXopsMetric, parseMetricSelector, seriesKeyForSli, seriesKeyForThreshold, sliSpecSchema, sloSpecSchema, XOPS_SOURCE_TYPE,
  type MetricSelector, type ObjectLookup, type SliSpec, type StoredObject,
} from '@xops/contracts';
import { storedObjectLookup } from '../slo/compiled-slos';

/** Which count of a bucket a matched sample adds to; `bad` series are written as good = total − bad. */
export type SampleRole = 'good' | 'bad' | 'total';

/** One compiled selector: the samples it selects add their increase to `role` of the series `seriesKey`. */
export interface SelectorRule {
  readonly seriesKey: string;
  readonly role: SampleRole;
  readonly selector: MetricSelector;
  /** Only for a histogram's `_bucket` rule: the `le` (seconds) the objective's `value` picks. */
  readonly le?: number;
  /** For messages: `SLI "x"`, or `SLO "y" objective "Fast"`. */
  readonly owner: string;
  /** For rules read from a PromQL source: the name of its DataSource. */
  readonly dataSource?: string;
}

/** Where samples come from: xops' own telemetry paths, or a Prometheus DataSource queried with PromQL. */
export type SelectorFeed = 'xops' | 'promql';

/** The kinds that selector rules are compiled from. */
const RULE_INPUT_KINDS = new Set(['SLI', 'SLO', 'DataSource']);

/** Kind, name and revision of every input: equal fingerprints, equal rules. */
export function selectorRulesFingerprint(objects: readonly StoredObject[]): string {
  return objects.filter((object) => RULE_INPUT_KINDS.has(object.kind)).map((object) => `${object.kind}/${object.name}@${object.revision}`).join('\n');
}

interface NamedSli {
  readonly name: string;
  readonly spec: SliSpec;
}

/**
 * Compiles the selectors of every SLI fed by xops telemetry: stored SLIs and indicators written
 * inline in SLOs. A ratio SLI's `good`/`bad`/`total` selectors feed `seriesKeyForSli(sli)`. A
 * threshold SLI's `histogram` feeds one series per objective that uses it
 * (`seriesKeyForThreshold(slo, objective)`): `<histogram>_count` is the total, and
 * `<histogram>_bucket{le=<value>}` is good for `lte`/`lt` and bad for `gt`/`gte` (bucket bounds are
 * inclusive, so `lt` and `gte` are counted as `lte` and `gt`: the usual reading of a Prometheus
 * histogram). SLIs without a selector are fed by the events API and give no rule. With `feed`
 * `promql`, the same rules are compiled for metrics whose `metricSourceRef` names a DataSource of
 * type `Prometheus` instead (docs/adr/0008), each carrying that `dataSource`.
 */
export function compileSelectorRules(objects: readonly StoredObject[], feed: SelectorFeed = 'xops'): SelectorRule[] {
  const lookup = storedObjectLookup(objects);
  const slos = objects.filter((object) => object.kind === 'SLO').flatMap((object) => {
    const spec = sloSpecSchema.safeParse(lookup('SLO', object.name)?.spec);
    return spec.success ? [{ name: object.name, spec: spec.data }] : [];
  });
  const slis: NamedSli[] = objects.filter((object) => object.kind === 'SLI').flatMap((object) => {
    const spec = sliSpecSchema.safeParse(lookup('SLI', object.name)?.spec);
    return spec.success ? [{ name: object.name, spec: spec.data }] : [];
  });
  const stored = new Set(slis.map((sli) => sli.name));
  for (const slo of slos) {
    for (const holder of [slo.spec, ...slo.spec.objectives]) {
      const indicator = holder.indicator;
      if (indicator !== undefined && !stored.has(indicator.metadata.name)) slis.push({ name: indicator.metadata.name, spec: indicator.spec });
    }
  }

  const rules: SelectorRule[] = [];
  for (const sli of slis) {
    const ratio = sli.spec.ratioMetric;
    if (ratio !== undefined) {
      for (const role of ['good', 'bad', 'total'] as const) {
        const found = selectorOf(ratio[role], 'selector', lookup, feed);
        if (found !== undefined) rules.push({ seriesKey: seriesKeyForSli(sli.name), role, selector: found.selector, owner: `SLI "${sli.name}"`, ...found.from });
      }
      continue;
    }
    const found = selectorOf(sli.spec.thresholdMetric, 'histogram', lookup, feed);
    if (found === undefined) continue;
    const histogram = found.selector;
    for (const slo of slos) {
      const sloUses = slo.spec.indicatorRef === sli.name || slo.spec.indicator?.metadata.name === sli.name;
      slo.spec.objectives.forEach((objective, index) => {
        const uses = sloUses || objective.indicatorRef === sli.name || objective.indicator?.metadata.name === sli.name;
        if (!uses || objective.op === undefined || objective.value === undefined) return;
        const name = objective.displayName ?? `objective-${index}`;
        const seriesKey = seriesKeyForThreshold(slo.name, name);
        const owner = `SLO "${slo.name}" objective "${name}"`;
        const bucketRole = objective.op === 'lte' || objective.op === 'lt' ? 'good' : 'bad';
        rules.push(
          { seriesKey, role: bucketRole, selector: { ...histogram, name: `${histogram.name}_bucket` }, le: objective.value, owner, ...found.from },
          { seriesKey, role: 'total', selector: { ...histogram, name: `${histogram.name}_count` }, owner, ...found.from },
        );
      });
    }
  }
  return rules;
}

/** The parsed selector of one metric, when it is fed by `feed` (directly or through a DataSource) and has one. */
function selectorOf(
  metric: SliSpec['thresholdMetric'], field: 'selector' | 'histogram', lookup: ObjectLookup, feed: SelectorFeed,
): { selector: MetricSelector; from: { dataSource?: string } } | undefined {
  if (metric === undefined) return undefined;
  const source = metric.metricSource;
  const ref = source.metricSourceRef;
  const refType = ref === undefined ? undefined : String(lookup('DataSource', ref)?.spec.type ?? '').toLowerCase();
  if (feed === 'promql') {
    // A PromQL metric needs the DataSource that says where to send the query.
    if (ref === undefined || !isPromqlSourceType(refType) || (source.type !== undefined && !isPromqlSourceType(source.type))) return undefined;
  } else {
    const viaDataSource = source.type === undefined && refType === XOPS_SOURCE_TYPE;
    if (!isXopsMetric(metric) && !viaDataSource) return undefined;
  }
  const text = source.spec[field];
  if (typeof text !== 'string') return undefined;
  const parsed = parseMetricSelector(text);
  // Checked when applied; one stored under older rules is skipped rather than half-read.
  return parsed.ok ? { selector: parsed.value, from: feed === 'promql' && ref !== undefined ? { dataSource: ref } : {} } : undefined;
}
