import {
  dataSourceSpecSchema, seriesKeyForSli, seriesKeyForThreshold, sliSpecSchema, sloSpecSchema,
  type Objective, type SliSpec, type SloSpec,
} from '@xops/contracts';
import type { XopsStore } from '@xops/store';
import { XopsError } from '../http/xops-error';

/** The `metricSource.type` of SLIs whose data comes in through the ingest API (case-insensitive). */
export const INGEST_SOURCE_TYPE = 'xops';

/** One objective fed by a threshold SLI: each value is compared with `op` and `value`. */
export interface ThresholdObjective {
  readonly slo: string;
  readonly objective: string;
  readonly op: NonNullable<Objective['op']>;
  readonly value: number;
  readonly seriesKey: string;
}

/**
 * Where the events of one SLI go: a ratio SLI's good/total counts into its own series; a threshold
 * SLI's values, turned into good/total, into one series per SLO objective that uses it.
 */
export type IngestTarget =
  | { readonly kind: 'ratio'; readonly sli: string; readonly seriesKey: string }
  | { readonly kind: 'threshold'; readonly sli: string; readonly objectives: readonly ThresholdObjective[] };

/** One definition of the SLI: the stored object, or an indicator written inline in an SLO. */
interface SliDefinition {
  readonly spec: SliSpec;
  /** How to name it in a message: `SLI "x"`, `the inline indicator "x" of SLO "y"`. */
  readonly label: string;
}

/**
 * Finds the SLI `name` (a stored SLI, else indicators of that name written inline in SLOs) and
 * where its events go. Throws 404 `XOPS_ERR_NOT_FOUND` when there is no such SLI, and 422
 * `XOPS_ERR_NOT_INGESTIBLE` when its data comes from another source, or when it is a threshold
 * SLI that no SLO objective uses yet (its values can only be judged against an objective).
 */
export async function resolveIngestTarget(store: XopsStore, name: string): Promise<IngestTarget> {
  const stored = await store.getObject('SLI', name);
  const storedSpec = stored && sliSpecSchema.safeParse(stored.object.spec);
  if (storedSpec?.success === false) {
    throw new XopsError('XOPS_ERR_NOT_INGESTIBLE', `SLI "${name}" is stored with a spec this version of xops does not accept: check it with \`xops apply --dry-run\` and apply it again.`, { name });
  }
  // The common case, a stored ratio SLI, needs no SLO at all: the SLOs are read only when needed.
  if (storedSpec?.success && storedSpec.data.thresholdMetric === undefined) {
    await checkIngestible(store, { spec: storedSpec.data, label: `SLI "${name}"` });
    return { kind: 'ratio', sli: name, seriesKey: seriesKeyForSli(name) };
  }
  const slos = await listSlos(store);
  const definitions: SliDefinition[] = storedSpec
    ? [{ spec: storedSpec.data, label: `SLI "${name}"` }]
    : slos.flatMap((slo) => inlineIndicators(slo.spec)
      .filter((indicator) => indicator.metadata.name === name)
      .map((indicator) => ({ spec: indicator.spec, label: `the inline indicator "${name}" of SLO "${slo.name}"` })));
  if (definitions.length === 0) {
    throw new XopsError('XOPS_ERR_NOT_FOUND', `SLI "${name}" does not exist: apply an SLI of that name, or an SLO with an inline indicator named "${name}".`, { kind: 'SLI', name });
  }
  for (const definition of definitions) await checkIngestible(store, definition);

  const first = definitions[0];
  if (first?.spec.thresholdMetric === undefined) return { kind: 'ratio', sli: name, seriesKey: seriesKeyForSli(name) };
  const objectives = slos.flatMap((slo) => objectivesUsing(slo, name));
  if (objectives.length === 0) {
    throw new XopsError('XOPS_ERR_NOT_INGESTIBLE', `No SLO objective uses the threshold SLI "${name}" yet. Its values are turned into good/total `
      + 'against the `op` and `value` of each objective that uses it, as they arrive: apply an SLO that uses it first, then send the values.', { name });
  }
  return { kind: 'threshold', sli: name, objectives };
}

/** Every SLO with its spec; one stored under rules older than today's is skipped, not fatal. */
async function listSlos(store: XopsStore): Promise<{ name: string; spec: SloSpec }[]> {
  return (await store.listObjects('SLO')).flatMap((object) => {
    const spec = sloSpecSchema.safeParse(object.object.spec);
    return spec.success ? [{ name: object.name, spec: spec.data }] : [];
  });
}

function inlineIndicators(spec: SloSpec) {
  return [spec.indicator, ...spec.objectives.map((objective) => objective.indicator)].filter((indicator) => indicator !== undefined);
}

/** Every metric source of the SLI must be `xops`, given directly or through a DataSource. */
async function checkIngestible(store: XopsStore, definition: SliDefinition): Promise<void> {
  const { spec, label } = definition;
  const ratio = spec.ratioMetric;
  const candidates = [
    { path: 'thresholdMetric', metric: spec.thresholdMetric },
    { path: 'ratioMetric.good', metric: ratio?.good },
    { path: 'ratioMetric.bad', metric: ratio?.bad },
    { path: 'ratioMetric.total', metric: ratio?.total },
    { path: 'ratioMetric.raw', metric: ratio?.raw },
  ];
  const metrics = candidates.flatMap(({ path, metric }) => (metric === undefined ? [] : [{ path, metric }]));
  for (const { path, metric } of metrics) {
    const source = metric.metricSource;
    const type = source.type ?? await dataSourceType(store, source.metricSourceRef);
    if (type?.toLowerCase() === INGEST_SOURCE_TYPE) continue;
    const from = type === undefined
      ? `the DataSource "${source.metricSourceRef ?? ''}", which does not exist`
      : `${type} (${path}.metricSource${source.type === undefined ? `, through DataSource "${source.metricSourceRef ?? ''}"` : ''})`;
    throw new XopsError('XOPS_ERR_NOT_INGESTIBLE', `${capitalize(label)} takes its data from ${from}, not from the ingest API. To send it `
      + `events, set \`metricSource.type: ${INGEST_SOURCE_TYPE}\` on every metric of the SLI (${metrics.map((m) => m.path).join(', ')}) and apply it again.`,
    { name: label, path: `${path}.metricSource`, type: type ?? null });
  }
}

async function dataSourceType(store: XopsStore, ref: string | undefined): Promise<string | undefined> {
  if (ref === undefined) return undefined;
  const stored = await store.getObject('DataSource', ref);
  return stored && dataSourceSpecSchema.parse(stored.object.spec).type;
}

/**
 * The objectives of `slo` that the SLI `name` feeds: every objective when the SLO's own indicator
 * is that SLI, else those of a composite SLO that name it. Objectives are named as the engine
 * names them (`compileSloDefinition`): `displayName`, else `objective-<index>`.
 */
function objectivesUsing(slo: { name: string; spec: SloSpec }, name: string): ThresholdObjective[] {
  const sloUses = slo.spec.indicatorRef === name || slo.spec.indicator?.metadata.name === name;
  return slo.spec.objectives.flatMap((objective, index) => {
    const uses = sloUses || objective.indicatorRef === name || objective.indicator?.metadata.name === name;
    // A threshold SLI's objectives carry op and value (checked when the SLO was applied).
    if (!uses || objective.op === undefined || objective.value === undefined) return [];
    const objectiveName = objective.displayName ?? `objective-${index}`;
    return [{ slo: slo.name, objective: objectiveName, op: objective.op, value: objective.value, seriesKey: seriesKeyForThreshold(slo.name, objectiveName) }];
  });
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
