import type { AlertState, AlertTransition } from './alert-state';
import type { SeriesBucket } from './bucket';
import { EngineCore, type DefinitionsOutcome, type IngestResult } from './engine-core';
import type { SloDefinition } from './slo-definition';
import type { SloStatus } from './slo-status';

/** What one evaluation found. */
export interface SloEvaluation {
  /** Every SLO, in the order of the definitions. */
  readonly statuses: readonly SloStatus[];
  /** Every objective × rule of every SLO (a composite as a whole is objective `*`). */
  readonly states: readonly AlertState[];
  /** Every change of alert status at this evaluation, stamped with its `now`. */
  readonly transitions: readonly AlertTransition[];
}

/** The SLO engine: pure, in memory, with time given by the caller. */
export interface SloEngine {
  /**
   * Replaces the SLOs evaluated. Invalid definitions are rejected by name with every reason; the
   * data of series still read and the alert states of SLOs, objectives and rules that keep their
   * names are kept. `seriesToLoad` names the series to load with history through `loadSeries`.
   */
  setDefinitions(definitions: readonly SloDefinition[]): DefinitionsOutcome;
  /**
   * Takes one bucket of a series an SLO reads. A bucket given again replaces the first. Late and
   * out-of-order buckets are fine within the fine tier (6 h); older ones that change the past get
   * `needs-reload`, naming the series to give `loadSeries` (the store holds the truth).
   */
  ingest(seriesKey: string, bucket: SeriesBucket): IngestResult;
  /** Replaces what the engine holds for these series with these buckets, in any order. */
  loadSeries(buckets: Readonly<Record<string, readonly SeriesBucket[]>>): { readonly applied: number; readonly rejected: number };
  /** Takes over saved alert states (restart, lease takeover); returns how many matched an SLO objective × rule. */
  restoreAlertStates(states: readonly AlertState[]): number;
  /** Evaluates every SLO at `now` (epoch ms) and moves its alerts. */
  evaluate(now: number): SloEvaluation;
  /** Bytes of series data held, for `/metrics` and the benchmark. */
  byteSize(): number;
}

/**
 * The SLO engine (DESIGN.md §1, §4): SLI buckets in, SLI values, error budgets, burn rates and
 * alert states out, for OpenSLO's three budgeting methods, rolling and calendar windows, and
 * composite SLOs. It does no I/O and reads no clock: the same engine runs live and in `replaySlo`.
 *
 * @example const engine = createSloEngine();
 *          engine.setDefinitions([checkout]);
 *          engine.ingest('sli:checkout', { start, good: 99, total: 100, resolutionMs: 10_000 });
 *          const { statuses, transitions } = engine.evaluate(now);
 */
export function createSloEngine(): SloEngine {
  const core = new EngineCore();
  return {
    setDefinitions: (definitions) => core.setDefinitions(definitions),
    ingest: (seriesKey, bucket) => core.ingest(seriesKey, bucket),
    loadSeries: (buckets) => core.loadSeries(buckets),
    restoreAlertStates: (states) => core.restoreAlertStates(states),
    evaluate(now) {
      const transitions: AlertTransition[] = [];
      const { statuses, states } = core.evaluate(now, transitions);
      return { statuses, states, transitions };
    },
    byteSize: () => core.byteSize,
  };
}
