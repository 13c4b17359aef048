import { GOLDEN_SIGNALS, goldenSignalSelectors, type GoldenSignal, type MetricSelector, type StoredObject } from '@xops/contracts';
import { z } from 'zod';

/** One declared golden signal of a service: the samples its selector matches feed it. */
export interface SignalRule {
  readonly service: string;
  readonly signal: GoldenSignal;
  /** For latency, the histogram's `<name>_bucket` selector. */
  readonly selector: MetricSelector;
}

// Annotations were checked when applied; a document stored under older rules is read leniently.
const annotatedSchema = z.object({ metadata: z.object({ annotations: z.record(z.string(), z.string()).optional() }) });

/** Name and revision of every Service: equal fingerprints, equal rules. */
export function signalRulesFingerprint(objects: readonly StoredObject[]): string {
  return objects.filter((object) => object.kind === 'Service').map((object) => `${object.name}@${object.revision}`).join('\n');
}

/** The `xops.dev/*` golden-signal annotations of a stored Service. */
export function serviceAnnotations(object: StoredObject): Readonly<Record<string, string>> | undefined {
  const parsed = annotatedSchema.safeParse(object.object);
  return parsed.success ? parsed.data.metadata.annotations : undefined;
}

/** The golden-signal rules of every Service that declares some with `xops.dev/*` annotations. */
export function compileSignalRules(objects: readonly StoredObject[]): SignalRule[] {
  return objects.filter((object) => object.kind === 'Service').flatMap((object) => {
    const selectors = goldenSignalSelectors(serviceAnnotations(object));
    return GOLDEN_SIGNALS.flatMap((signal) => {
      const selector = selectors[signal];
      if (selector === undefined) return [];
      return [{ service: object.name, signal, selector: signal === 'latency' ? { ...selector, name: `${selector.name}_bucket` } : selector }];
    });
  });
}
