// `npm run bench -- slo-eval`: 10,000 SLOs with 30 days of history each (issue 3).
// Figures: tick_ms (median of 20+ full evaluation ticks), rss_mb, replay_slo_days_per_s.
// XOPS_BENCH_SLOS=1000 runs a smaller fleet for a quick look.
import { createSloEngine, defaultBurnRateRules, replaySlo, type SeriesBucket, type SloDefinition } from '@xops/core';
import { report, say } from './report';

const BENCH = 'slo-eval';
const SLOS = Number(process.env.XOPS_BENCH_SLOS ?? 10_000);
const TICKS = 25;
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WINDOW = 30 * DAY;
const now0 = Date.UTC(2026, 10, 1);

function definition(i: number): SloDefinition {
  return {
    name: `slo-${i}`,
    service: `service-${i % 100}`,
    window: { kind: 'rolling', durationMs: WINDOW },
    method: 'Occurrences',
    objectives: [{ name: 'availability', target: 0.999, seriesKey: `sli-${i}`, compositeWeight: 1 }],
    composite: false,
    alertRules: defaultBurnRateRules(WINDOW),
    minEventsForBurnRateAlerts: 100,
  };
}

/**
 * History as the store keeps it for the engine's needs: hourly sums for the old part of the
 * window, 10-second buckets for the last 6 hours. Traffic is 50–150 events per 10 s with a
 * per-SLO error ratio, so every SLO has a different budget.
 */
function history(i: number, from: number, to: number): SeriesBucket[] {
  const buckets: SeriesBucket[] = [];
  const errorRatio = (i % 17) / 20_000;
  const fineFrom = to - 6 * HOUR;
  for (let start = from; start < fineFrom; start += HOUR) {
    const total = 36_000;
    buckets.push({ start, good: total - Math.round(total * errorRatio), total, resolutionMs: HOUR });
  }
  for (let start = fineFrom; start < to; start += 10 * SECOND) {
    const total = 50 + ((start / 10_000 + i) % 100);
    buckets.push({ start, good: total - (Math.random() < errorRatio * total ? 1 : 0), total, resolutionMs: 10 * SECOND });
  }
  return buckets;
}

const engine = createSloEngine();
const outcome = engine.setDefinitions(Array.from({ length: SLOS }, (_, i) => definition(i)));
if (outcome.rejected.length > 0) throw new Error(`rejected: ${JSON.stringify(outcome.rejected[0])}`);
say(`loading ${SLOS} SLOs × 30 days of history…`);
const loadStart = performance.now();
for (let i = 0; i < SLOS; i += 1) {
  engine.loadSeries({ [`sli-${i}`]: history(i, now0 - WINDOW - 3 * DAY, now0) });
  if (i % 1000 === 999) say(`  ${i + 1}/${SLOS} loaded (${((performance.now() - loadStart) / 1000).toFixed(1)} s)`);
}
engine.evaluate(now0);

// One tick = what the live loop does every 10 s: one new bucket per series, then evaluate all.
const tickMs: number[] = [];
let now = now0;
for (let tick = 0; tick < TICKS; tick += 1) {
  const start = now;
  now += 10 * SECOND;
  const began = performance.now();
  for (let i = 0; i < SLOS; i += 1) engine.ingest(`sli-${i}`, { start, good: 99, total: 100, resolutionMs: 10 * SECOND });
  engine.evaluate(now);
  tickMs.push(performance.now() - began);
}
tickMs.sort((a, b) => a - b);
const median = tickMs[Math.floor(tickMs.length / 2)] ?? NaN;
say(`tick: median ${median.toFixed(1)} ms over ${TICKS} ticks (min ${tickMs[0]?.toFixed(1)}, max ${tickMs.at(-1)?.toFixed(1)})`);
report(BENCH, 'tick_ms', Math.round(median * 10) / 10, 'ms');
report(BENCH, 'rss_mb', Math.round(process.memoryUsage().rss / 2 ** 20), 'MiB');

// Replay as `POST /api/v1/replay` runs it (packages/server/src/slo/replay-from-store.ts): the
// engine steps every 10 s like the live loop, records a point every hour, and is given each series
// from one SLO window (+ 1 h, `sloLookbackMs`) before `from`, fed inside the timing. The history
// is made before the timing starts: reading it from the store is not the engine's cost.
const REPLAYS = Number(process.env.XOPS_BENCH_REPLAYS ?? 20);
const REPLAY_DAYS = 30;
const replayTo = now0;
const replayFrom = replayTo - REPLAY_DAYS * DAY;
const replayLookback = WINDOW + HOUR;

/**
 * 10-second buckets (the store's finest, the most work for the engine) of 50–150 events, a few
 * stray errors, and every 3 days a 30-minute incident at 5 % errors, so the page tiers fire and
 * resolve and the ticket tiers get close.
 */
function replayHistory(i: number): SeriesBucket[] {
  const buckets: SeriesBucket[] = [];
  const incidentOffset = (i * 7 * HOUR) % (3 * DAY);
  for (let start = replayFrom - replayLookback; start < replayTo; start += 10 * SECOND) {
    const total = 50 + ((start / 10_000 + i) % 100);
    const incident = (start - incidentOffset) % (3 * DAY) < 30 * MINUTE;
    const bad = incident ? Math.round(total * 0.05) : (start / 10_000 + i) % 997 === 0 ? 2 : 0;
    buckets.push({ start, good: total - bad, total, resolutionMs: 10 * SECOND });
  }
  return buckets;
}

// Histories are made before the timing (and their garbage collection with them): three, taken in
// turn (each replay starts from an empty engine), as a month of 10-second buckets is ~37 MB of
// objects. Then one replay runs untimed, so that the figure is the engine's and not V8's warm-up:
// the first replay of a process runs partly interpreted.
const replayInputs = Array.from({ length: 4 }, (_, i) => replayHistory(i));
const runReplay = (i: number, input: readonly SeriesBucket[]): number => {
  const result = replaySlo(definition(i), { [`sli-${i}`]: input }, { from: replayFrom, to: replayTo, stepMs: 10 * SECOND, pointEveryMs: HOUR });
  if (!result.ok) throw new Error(result.error.problems.join('; '));
  return result.value.transitions.length;
};
runReplay(REPLAYS, replayInputs[3]!);
let replayed = 0;
let transitionCount = 0;
const replayBegan = performance.now();
for (let i = 0; i < REPLAYS; i += 1) {
  transitionCount += runReplay(i, replayInputs[i % 3]!);
  replayed += REPLAY_DAYS;
}
const replaySeconds = (performance.now() - replayBegan) / 1000;
say(`replay: ${replayed} SLO-days in ${replaySeconds.toFixed(2)} s (10 s step, hourly points, 10 s buckets, ${REPLAY_DAYS} d of window history fed first, after one warm-up replay; ${transitionCount} alert transitions)`);
report(BENCH, 'replay_slo_days_per_s', Math.round(replayed / replaySeconds), 'SLO-days/s');
