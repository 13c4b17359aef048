import type { Result } from '../result';
import { planRules, type RulePlanning } from './alert-rule-check';
import type { AlertState, AlertTransition } from './alert-state';
import type { SeriesBucket } from './bucket';
import { planSeries, sameLayout, type SeriesLayout } from './series-plan';
import { SliSeries, type SetBucketError } from './sli-series';
import { SliceDeriver } from './slice-deriver';
import { buildSloRuntime, type DeriverSpec } from './slo-runtime-builder';
import type { SloRuntime } from './slo-runtime';
import type { SloDefinition } from './slo-definition';
import type { SloStatus } from './slo-status';
import { validateSloDefinition } from './validate-slo-definition';

/** Why a bucket was not taken. `needs-reload`: it changes the folded past; reload `seriesKeys` with `loadSeries`. */
export interface IngestError {
  readonly code: 'unknown-series' | 'invalid-bucket' | 'needs-reload';
  readonly message: string;
  readonly seriesKeys: readonly string[];
}

/** `applied`, or `expired` when older than any window reads (nothing to do). */
export type IngestResult = Result<'applied' | 'expired', IngestError>;

/** What `setDefinitions` did. */
export interface DefinitionsOutcome {
  readonly accepted: readonly string[];
  readonly rejected: readonly { readonly slo: string; readonly problems: readonly string[] }[];
  /**
   * Series to (re)load with history through `loadSeries`: new ones, and those whose SLOs now
   * need more of their past or new time slices. Repeated until loaded.
   */
  readonly seriesToLoad: readonly string[];
}

/** A series the engine holds, with the derivers that read it. */
export interface SeriesEntry {
  readonly key: string;
  readonly series: SliSeries;
  readonly layout: SeriesLayout;
  readonly derivers: DeriverEntry[];
}

interface DeriverEntry {
  readonly deriver: SliceDeriver;
  readonly sourceKeys: readonly string[];
}

/** The engine's state and moves; `createSloEngine` and `replaySlo` are its two faces. */
export class EngineCore {
  private entries = new Map<string, SeriesEntry>();
  private derivers = new Map<string, DeriverEntry>();
  private deriverList: SliceDeriver[] = [];
  private runtimes: SloRuntime[] = [];
  private pendingLoads = new Set<string>();

  setDefinitions(definitions: readonly SloDefinition[]): DefinitionsOutcome {
    const accepted: SloDefinition[] = [];
    const rejected: { slo: string; problems: readonly string[] }[] = [];
    const names = new Set<string>();
    for (const definition of definitions) {
      const checked = validateSloDefinition(definition);
      if (!checked.ok) rejected.push({ slo: definition.name, problems: checked.error });
      else if (names.has(definition.name)) rejected.push({ slo: definition.name, problems: ['another SLO has this name'] });
      else {
        names.add(definition.name);
        accepted.push(definition);
      }
    }
    const load = new Set<string>();
    const entries = new Map<string, SeriesEntry>();
    for (const [key, layout] of planSeries(accepted)) {
      const old = this.entries.get(key);
      if (old !== undefined && sameLayout(old.layout, layout)) {
        entries.set(key, { ...old, derivers: [] });
        continue;
      }
      const series = new SliSeries(layout);
      if (old === undefined) load.add(key);
      else series.copyFrom(old.series);
      // Kept data is copied; a longer retention still needs the older past from the store.
      if (old !== undefined && layout.retentionMs > old.layout.retentionMs) load.add(key);
      entries.set(key, { key, series, layout, derivers: [] });
    }
    const derivers = new Map<string, DeriverEntry>();
    const deriverFor = (spec: DeriverSpec): SliceDeriver => {
      const existing = derivers.get(spec.key);
      if (existing !== undefined) return existing.deriver;
      const sources = spec.parts.map((part) => ({ ...part, series: entries.get(part.seriesKey)!.series }));
      const layout = entries.get(spec.parts[0]!.seriesKey)!.layout;
      const old = this.derivers.get(spec.key)?.deriver;
      const reusable = old !== undefined && old.sources.every((source, i) => source.series === sources[i]?.series);
      const deriver = reusable ? old : new SliceDeriver(spec.rule, sources, { ...layout, cellMs: spec.sliceMs, originMs: spec.originMs });
      if (old === undefined) for (const part of spec.parts) load.add(part.seriesKey);
      else if (!reusable) deriver.adopt(old);
      const entry = { deriver, sourceKeys: spec.parts.map((part) => part.seriesKey) };
      derivers.set(spec.key, entry);
      for (const key of entry.sourceKeys) entries.get(key)!.derivers.push(entry);
      return deriver;
    };
    const previous = new Map(this.runtimes.map((runtime) => [runtime.definition.name, runtime]));
    // SLOs with the same rules (most use the default tiers) share one planning: the tick of
    // 10 000 SLOs then reads one set of plans, which stays in the CPU's cache.
    const plannings = new Map<string, RulePlanning>();
    const planningOf = (rules: SloDefinition['alertRules']): RulePlanning => {
      const key = JSON.stringify(rules);
      let planning = plannings.get(key);
      if (planning === undefined) plannings.set(key, (planning = planRules(rules)));
      return planning;
    };
    this.runtimes = accepted.map((definition) => {
      const runtime = buildSloRuntime(definition, (key) => entries.get(key)!.series, deriverFor, planningOf(definition.alertRules));
      const old = previous.get(definition.name);
      if (old !== undefined) runtime.inherit(old);
      return runtime;
    });
    this.entries = entries;
    this.derivers = derivers;
    this.deriverList = [...derivers.values()].map((entry) => entry.deriver);
    for (const key of this.pendingLoads) if (entries.has(key)) load.add(key);
    this.pendingLoads = load;
    return { accepted: accepted.map((definition) => definition.name), rejected, seriesToLoad: [...load] };
  }

  /** The series entry for a key, for callers that feed many buckets of one series. */
  entry(seriesKey: string): SeriesEntry | undefined {
    return this.entries.get(seriesKey);
  }

  ingest(seriesKey: string, bucket: SeriesBucket): IngestResult {
    const entry = this.entries.get(seriesKey);
    if (entry === undefined) {
      return { ok: false, error: { code: 'unknown-series', message: `no SLO reads series "${seriesKey}"`, seriesKeys: [seriesKey] } };
    }
    return this.ingestInto(entry, bucket);
  }

  ingestInto(entry: SeriesEntry, bucket: SeriesBucket): IngestResult {
    const derivers = entry.derivers;
    // A bucket at or past a slice's end completes it: derive it before the bucket moves the fine tier on.
    for (let i = 0; i < derivers.length; i++) derivers[i]!.deriver.catchUp(bucket.start);
    const result = entry.series.set(bucket);
    if (!result.ok) return this.ingestError(entry, result.error);
    // A late bucket changes a slice already derived: derive it again.
    for (let i = 0; i < derivers.length; i++) derivers[i]!.deriver.refresh(bucket.start, bucket.start + bucket.resolutionMs);
    return result;
  }

  private ingestError(entry: SeriesEntry, error: SetBucketError): IngestResult {
    if (error.code !== 'folded') return { ok: false, error: { code: 'invalid-bucket', message: error.message, seriesKeys: [entry.key] } };
    const seriesKeys = [...new Set([entry.key, ...entry.derivers.flatMap((d) => d.sourceKeys)])];
    return { ok: false, error: { code: 'needs-reload', message: error.message, seriesKeys } };
  }

  /** Replaces what the engine holds for these series with the given buckets (any order); unknown keys are skipped. */
  loadSeries(batch: Readonly<Record<string, readonly SeriesBucket[]>>): { applied: number; rejected: number } {
    const feeds: { entry: SeriesEntry; buckets: readonly SeriesBucket[]; next: number }[] = [];
    for (const [key, buckets] of Object.entries(batch)) {
      const entry = this.entries.get(key);
      if (entry === undefined) continue;
      entry.series.clear();
      this.pendingLoads.delete(key);
      feeds.push({ entry, buckets: inTimeOrder(buckets), next: 0 });
    }
    for (const { deriver, sourceKeys } of this.derivers.values()) {
      if (sourceKeys.some((key) => Object.hasOwn(batch, key))) deriver.reset();
    }
    let applied = 0;
    let rejected = 0;
    // A series no time slice reads does not depend on the others' order: it loads in bulk.
    for (const feed of feeds) {
      if (feed.entry.derivers.length === 0) feed.next = feed.entry.series.loadInOrder(feed.buckets, 0, feed.buckets.length);
      applied += feed.next;
    }
    // Oldest first across the series, so every bucket lands in the fine tier and time slices see all their parts.
    for (;;) {
      let pick: (typeof feeds)[number] | undefined;
      for (const feed of feeds) {
        const bucket = feed.buckets[feed.next];
        if (bucket !== undefined && (pick === undefined || bucket.start < pick.buckets[pick.next]!.start)) pick = feed;
      }
      if (pick === undefined) break;
      const result = this.ingestInto(pick.entry, pick.buckets[pick.next++]!);
      if (result.ok) applied++;
      else rejected++;
    }
    return { applied, rejected };
  }

  restoreAlertStates(states: readonly AlertState[]): number {
    const byName = new Map(this.runtimes.map((runtime) => [runtime.definition.name, runtime]));
    let restored = 0;
    for (const state of states) if (byName.get(state.slo)?.restore(state) === true) restored++;
    return restored;
  }

  /**
   * Derives the slices that ended by `now`, then evaluates every SLO and moves its alerts. A tick
   * not `observed` (no status or state read before the next one) may skip rules proven quiet.
   */
  tick(now: number, transitions: AlertTransition[] | null, observed = true): void {
    for (let i = 0; i < this.deriverList.length; i++) this.deriverList[i]!.catchUp(now);
    for (let i = 0; i < this.runtimes.length; i++) {
      const runtime = this.runtimes[i]!;
      // Small enough to inline: a quiet step then calls nothing, and boxes no `now` for a call.
      if (!observed && runtime.restsAt(now)) continue;
      runtime.tick(now, transitions, observed);
    }
  }

  /**
   * An evaluation as the live loop needs it: derives the ended slices, then ticks each SLO and
   * reads its status and alert states right away, while its series are still in the CPU's cache
   * (10 000 SLOs hold ~460 MB: three passes over them would fetch everything three times).
   */
  evaluate(now: number, transitions: AlertTransition[]): { statuses: SloStatus[]; states: AlertState[] } {
    for (let i = 0; i < this.deriverList.length; i++) this.deriverList[i]!.catchUp(now);
    const statuses: SloStatus[] = [];
    const states: AlertState[] = [];
    for (let i = 0; i < this.runtimes.length; i++) {
      const runtime = this.runtimes[i]!;
      runtime.tick(now, transitions);
      statuses.push(runtime.status(now, states));
    }
    return { statuses, states };
  }

  get sloRuntimes(): readonly SloRuntime[] {
    return this.runtimes;
  }

  /** Bytes held by series and derived series. */
  get byteSize(): number {
    let bytes = 0;
    for (const entry of this.entries.values()) bytes += entry.series.byteSize;
    for (const { deriver } of this.derivers.values()) bytes += deriver.output.byteSize;
    return bytes;
  }
}

/** The buckets sorted by start (stable), or the same array when they already are. */
export function inTimeOrder(buckets: readonly SeriesBucket[]): readonly SeriesBucket[] {
  for (let i = 1; i < buckets.length; i++) {
    if (buckets[i - 1]!.start > buckets[i]!.start) return [...buckets].sort((a, b) => a.start - b.start);
  }
  return buckets;
}
