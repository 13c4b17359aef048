// `npm run bench -- slo-vs-prometheus`: 100 SLOs over 30 days of 1-minute data, evaluated by
// Debian's Prometheus from the rules `xops export prometheus-rules` writes, and by one tick of the
// xops evaluator (issue 4, DESIGN.md §9). Figures: xops_tick_ms, prometheus_eval_ms, speedup
// (Prometheus' time over xops'). XOPS_BENCH_SLOS (100) sets the fleet, XOPS_BENCH_TICKS (25) the
// xops ticks timed.
//
// What each side measures, so that the two figures answer the same question ("where does every
// SLO stand now?"):
// - Prometheus: one evaluation of every exported rule group, the sum over groups of
//   `prometheus_rule_group_last_duration_seconds` read from its own /metrics right after each
//   group's first evaluation. A group is one SLO: the Sloth-style recording rules
//   `slo:sli_error:ratio_rate<w>` = bad/total `rate` over each alert window (5m … 3d) and over the
//   30-day SLO window, the objective and budget, and the same alert tiers as the engine
//   (multiwindow burn rates, no data, budget exhausted). Prometheus keeps no state between
//   evaluations: every evaluation reads the whole of every window from the TSDB again, 30 days of
//   samples for the SLO-window rule. Groups run in parallel goroutines; the sum is the work of
//   one round, not its wall time.
// - xops: one tick of the real evaluation loop (`createSloEvaluator().evaluateOnce`, as main.ts
//   runs it every 10 s) on a SQLite store that holds the same 30 days as 10-second buckets, as
//   xops' PromQL backfill (`backfillSeries`, what `xops backfill` runs) writes them from this very
//   Prometheus, compacted as the running server compacts them (1-minute buckets past a day). Two
//   series really go through `backfillSeries` and must equal the generated counts bucket for
//   bucket; the rest are written straight from those counts, as the backfill takes ~2 s a series.
//   The tick takes the lease, reads the stored SLOs, follows the bucket change stream, evaluates
//   every SLO (every window, every alert tier) and saves the alert changes. The history is loaded
//   by an untimed first tick at the instant Prometheus evaluated: the engine keeps running sums,
//   so a tick costs what is new since the last one, where Prometheus re-reads every window. Before
//   each timed tick one new 10-second bucket per series is written to the store (untimed: that is
//   the ingest path's work, as scraping is Prometheus'); the figure is the median tick.
// Both are wall-clock times. On stderr, besides progress: both sides' conclusions side by side
// (30-day error ratios, SLOs paging, budgets exhausted), Prometheus' second round and its time by rule.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { seriesKeyForSli, validateConfigDocument, type ConfigObject } from '@xops/contracts';
import type { SloStatus } from '@xops/core';
import { createSloEvaluator, systemClock } from '@xops/server';
import { openStore, type XopsStore } from '@xops/store';
import { stringify } from 'yaml';
import { compileStoredSlos } from '../packages/server/src/slo/compiled-slos';
import { promDuration, prometheusRuleGroups } from '../packages/server/src/telemetry/promql/prometheus-rules';
import { backfillSeries, promqlSeriesPlans } from '../packages/server/src/telemetry/promql/promql-backfill';
import { report, say } from './report';
import { backfilledBuckets, prng, serviceName, trafficAt, trafficModel, writeOpenMetrics, type DataSpan } from './slo-vs-prometheus/fleet-traffic';
import {
  freePort, instantBySlo, ruleEvaluations, startPrometheus, stopEveryPrometheus, watchEvaluations, type RunningPrometheus,
} from './slo-vs-prometheus/prometheus-peer';

const BENCH = 'slo-vs-prometheus';
const SLOS = Number(process.env.XOPS_BENCH_SLOS ?? 100);
const TICKS = Number(process.env.XOPS_BENCH_TICKS ?? 25);
const PROMETHEUS = process.env.XOPS_PROMETHEUS_BIN ?? '/usr/bin/prometheus';
const PROMTOOL = process.env.XOPS_PROMTOOL_BIN ?? '/usr/bin/promtool';
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const BUCKET = 10 * SECOND;
// Groups start at offsets hashed from their names, spread over the interval: short enough that
// all have run soon after start, long enough that one round of 100 never runs into the next.
const EVALUATION_INTERVAL_S = 20;
// 30 days and an hour's margin (both sides' 30-day windows full), one sample a minute, ending at
// the start of the run: Prometheus evaluates about a minute later, so even its 5-minute windows hold data.
const DATA_END = Math.floor(Date.now() / MINUTE) * MINUTE;
const SPAN: DataSpan = { from: DATA_END - 30 * DAY - HOUR, to: DATA_END };
const sliName = (i: number) => `${serviceName(i)}-requests`;

/** What `xops apply` would be given: a Prometheus DataSource, and per service a Service, a ratio SLI on it and a 99.9 %/30 d SLO. */
function configObjects(prometheusUrl: string): ConfigObject[] {
  const objects: ConfigObject[] = [{
    apiVersion: 'openslo/v1', kind: 'DataSource', metadata: { name: 'prometheus' },
    spec: { type: 'Prometheus', connectionDetails: { url: prometheusUrl, timeout: '60s' } },
  }];
  const source = (selector: string) => ({ metricSource: { metricSourceRef: 'prometheus', spec: { selector } } });
  for (let i = 0; i < SLOS; i += 1) {
    const name = serviceName(i);
    objects.push(
      { apiVersion: 'openslo/v1', kind: 'Service', metadata: { name }, spec: {} },
      { apiVersion: 'openslo/v1', kind: 'SLI', metadata: { name: sliName(i) }, spec: { ratioMetric: {
        counter: true,
        good: source(`http_requests_total{service="${name}",code!~"5.."}`),
        total: source(`http_requests_total{service="${name}"}`),
      } } },
      { apiVersion: 'openslo/v1', kind: 'SLO', metadata: { name: `${name}-availability` }, spec: {
        service: name, indicatorRef: sliName(i), timeWindow: [{ duration: '30d', isRolling: true }],
        budgetingMethod: 'Occurrences', objectives: [{ displayName: 'available', target: 0.999 }],
      } },
    );
  }
  return objects;
}

/** Validates the objects as `xops apply` does, then stores them. */
async function applyObjects(store: XopsStore, objects: readonly ConfigObject[]): Promise<void> {
  for (const object of objects) {
    const checked = validateConfigDocument(object);
    if (!checked.ok) throw new Error(`${object.kind}/${object.metadata.name} is invalid: ${JSON.stringify(checked)}`);
  }
  await store.applyObjects(objects.map((object) => ({ object, sourceText: JSON.stringify(object), sourceFile: null })), 'bench');
}

/** What Prometheus concluded at its first evaluation, to check that xops concludes the same. */
interface PrometheusVerdict {
  readonly errorRatio30d: ReadonlyMap<string, number>;
  readonly paging: ReadonlySet<string>;
  readonly exhausted: ReadonlySet<string>;
}

/** Both sides' 30-day error ratios and alerts side by side; Prometheus' `rate` extrapolates, so the ratios agree closely, not exactly. */
function compareVerdicts(statuses: readonly SloStatus[], prometheus: PrometheusVerdict): string {
  let worst = 0;
  let paging = 0;
  let exhausted = 0;
  for (const status of statuses) {
    const objective = status.objectives[0];
    if (objective === undefined || objective.sli === null) continue;
    const theirs = prometheus.errorRatio30d.get(status.slo);
    if (theirs !== undefined) worst = Math.max(worst, Math.abs(1 - objective.sli - theirs) / Math.max(theirs, 1e-9));
    if (objective.alerts.some((alert) => alert.status === 'firing' && alert.severity === 'page')) paging += 1;
    if (objective.alerts.some((alert) => alert.status === 'firing' && alert.rule === 'budget-exhausted')) exhausted += 1;
  }
  return `30-day error ratios at most ${(worst * 100).toFixed(2)} % apart over ${prometheus.errorRatio30d.size} SLOs; `
    + `SLOs paging: xops ${paging}, Prometheus ${prometheus.paging.size}; budget exhausted: xops ${exhausted}, Prometheus ${prometheus.exhausted.size}`;
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
const ms = (value: number) => `${value.toFixed(1)} ms`;
const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');

if (!existsSync(PROMETHEUS) || !existsSync(PROMTOOL)) {
  say(`${BENCH} needs Debian's Prometheus and promtool: ${existsSync(PROMETHEUS) ? PROMTOOL : PROMETHEUS} is missing `
    + '(apt-get install -y prometheus, or XOPS_PROMETHEUS_BIN / XOPS_PROMTOOL_BIN). Nothing was measured.');
  process.exit(1);
}

const dir = await mkdtemp(join(tmpdir(), 'xops-bench-slo-vs-prometheus-'));
// Ctrl-C skips `finally`: stop Prometheus and remove the data here too.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void stopEveryPrometheus().then(() => rm(dir, { recursive: true, force: true })).finally(() => process.exit(130));
  });
}
const began = performance.now();
const elapsed = () => `${((performance.now() - began) / 1000).toFixed(0)} s`;
say(`load average at start: ${load()}`);
let store: XopsStore | undefined;
let prometheus: RunningPrometheus | undefined;
try {
  // ---- the same 30 days for both: OpenMetrics, then promtool's backfill into a fresh TSDB.
  // xops' store is filled after Prometheus has evaluated, so that the data ends about a minute
  // before that evaluation (its 5-minute windows hold data) and nothing else runs beside it.
  const minutes = (SPAN.to - SPAN.from) / MINUTE + 1;
  say(`writing ${SLOS} services × 2 counters × ${minutes} minutes of OpenMetrics (${new Date(SPAN.from).toISOString()} … ${new Date(SPAN.to).toISOString()})…`);
  const counts = await writeOpenMetrics(join(dir, 'data.om'), SLOS, SPAN);
  say(`  ${(2 * SLOS * minutes).toLocaleString('en')} samples (${elapsed()}); promtool tsdb create-blocks-from openmetrics…`);
  const tsdb = join(dir, 'tsdb');
  // Blocks of up to 1458 h (the largest of Prometheus' block ranges under two months): two blocks,
  // as compaction leaves a long-retention server (few blocks favour Prometheus' long-range reads),
  // and promtool reads the file once per block rather than once per 2-hour block.
  await promisify(execFile)(PROMTOOL, ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', '--max-block-duration=1458h', join(dir, 'data.om'), tsdb]);
  await rm(join(dir, 'data.om'));
  say(`  TSDB written (${elapsed()})`);

  // ---- the SLOs as xops holds them, and the rules `xops export prometheus-rules` writes for them.
  const address = `127.0.0.1:${await freePort()}`;
  const openedStore = await openStore({ dataDir: join(dir, 'xops') });
  store = openedStore;
  await applyObjects(openedStore, configObjects(`http://${address}`));
  const objects = await openedStore.listObjects();
  const compiled = compileStoredSlos(objects);
  if (compiled.errors.size > 0) throw new Error(`SLOs that do not compile: ${[...compiled.errors.values()].join('; ')}`);
  const { plans, sources } = promqlSeriesPlans(objects);
  const groups = prometheusRuleGroups(compiled.definitions, plans);
  await writeFile(join(dir, 'rules.yml'), `# Generated by xops export prometheus-rules; series labels xops_slo and xops_objective.\n${stringify({ groups }, { lineWidth: 0 })}`);
  const ruleCount = sum(groups.map((group) => group.rules.length));
  say(`exported ${groups.length} rule groups, ${ruleCount} rules (a group: ${groups[0]?.rules.map((rule) => ('record' in rule ? rule.record : rule.alert)).join(', ')})`);

  // ---- Prometheus: the first evaluation of every group, from its own /metrics.
  say(`starting Prometheus on ${address}, evaluation_interval ${EVALUATION_INTERVAL_S}s…`);
  prometheus = await startPrometheus({ binary: PROMETHEUS, dir, tsdb, address, evaluationIntervalS: EVALUATION_INTERVAL_S });
  const evaluations = [...(await watchEvaluations({
    url: prometheus.url, groups: groups.map((group) => group.name), rounds: 2, timeoutMs: 4 * EVALUATION_INTERVAL_S * SECOND + 60_000, progress: say,
  })).values()];
  const firstMs = evaluations.map((list) => (list[0]?.seconds ?? Number.NaN) * 1000);
  const promEvalMs = sum(firstMs);
  const evaluatedAt = Math.max(...evaluations.map((list) => (list[0]?.at ?? 0) * 1000));
  say(`Prometheus, first evaluation of each group: Σ ${ms(promEvalMs)} over ${groups.length} groups (per group median ${ms(median(firstMs))}, `
    + `max ${ms(Math.max(...firstMs))}; ${sum(evaluations.map((list) => list[0]?.samples ?? 0))} samples recorded), ${((evaluatedAt - SPAN.to) / SECOND).toFixed(0)} s after the data's end; `
    + `second evaluation Σ ${ms(sum(evaluations.map((list) => (list[1]?.seconds ?? Number.NaN) * 1000)))}`);
  const rules = await ruleEvaluations(prometheus.url);
  const broken = rules.filter((rule) => rule.health !== 'ok');
  if (broken.length > 0) throw new Error(`${broken.length} rules failed in Prometheus, first: ${broken[0]?.name}: ${broken[0]?.lastError}`);
  const byRule = new Map<string, number>();
  for (const rule of rules) byRule.set(rule.name, (byRule.get(rule.name) ?? 0) + rule.evaluationTime * 1000);
  say(`  by rule, over all groups (their latest evaluation): ${[...byRule].sort((a, b) => b[1] - a[1]).map(([name, time]) => `${name} ${ms(time)}`).join(', ')}`);
  const firing = (name: string, severity?: string) => new Set(rules
    .filter((rule) => rule.name === name && rule.state === 'firing' && (severity === undefined || rule.labels?.severity === severity))
    .map((rule) => rule.labels?.xops_slo ?? ''));
  const verdict: PrometheusVerdict = {
    errorRatio30d: await instantBySlo(prometheus.url, `slo:sli_error:ratio_rate${promDuration(30 * DAY)}`),
    paging: firing('ErrorBudgetBurn', 'page'),
    exhausted: firing('ErrorBudgetExhausted'),
  };

  // ---- xops: the same 30 days into its store, as `xops backfill` (`backfillSeries`: `query_range`
  // at 10 s steps, a day a call) writes them. It is exact but takes ~2 s a series here, too long
  // for 100: two series go through it (service 0, in an incident now, and the first service that
  // restarted, with a counter reset) and must equal, bucket for bucket, what the others are written as.
  const restarted = Array.from({ length: SLOS }, (_, i) => i).find((i) => trafficModel(i, SPAN).restartAt !== undefined);
  const viaPromql = new Set([0, restarted ?? 1].filter((i) => i < SLOS).map((i) => seriesKeyForSli(sliName(i))));
  let phase = performance.now();
  const filled = await backfillSeries({ store: openedStore, sources, plans: plans.filter((plan) => viaPromql.has(plan.seriesKey)), fromMs: SPAN.from, toMs: SPAN.to + BUCKET });
  if (!filled.ok) throw new Error(`xops backfill failed: ${filled.error}`);
  say(`xops backfill from Prometheus of ${viaPromql.size} series: ${filled.buckets.toLocaleString('en')} buckets in ${((performance.now() - phase) / 1000).toFixed(1)} s`);
  await prometheus.stop();
  prometheus = undefined;
  phase = performance.now();
  let written = 0;
  for (let i = 0; i < SLOS; i += 1) {
    const seriesKey = seriesKeyForSli(sliName(i));
    const buckets = backfilledBuckets(counts[i] ?? { good: new Int32Array(), bad: new Int32Array() }, SPAN);
    if (!viaPromql.has(seriesKey)) {
      written += await openedStore.writeBuckets(seriesKey, buckets, 'replace');
      continue;
    }
    const stored = await openedStore.readBuckets(seriesKey, 0, Number.MAX_SAFE_INTEGER);
    const same = stored.length === buckets.length
      && stored.every((bucket, k) => bucket.start === buckets[k]?.start && bucket.good === buckets[k].good && bucket.total === buckets[k].total);
    if (!same) throw new Error(`xops backfill of ${seriesKey} differs from the generated counts (${stored.length} buckets, ${buckets.length} expected)`);
  }
  say(`  equal to the generated counts, bucket for bucket; wrote the other ${written.toLocaleString('en')} buckets in ${((performance.now() - phase) / 1000).toFixed(1)} s`);
  // As the running server's hourly compaction leaves them: 1-minute buckets past a day.
  const now0 = Math.floor(evaluatedAt / BUCKET) * BUCKET;
  phase = performance.now();
  const compacted = await openedStore.compactBuckets(now0);
  say(`  compacted ${compacted.toLocaleString('en')} buckets older than a day into 1-minute buckets in ${((performance.now() - phase) / 1000).toFixed(1)} s (${elapsed()})`);

  // ---- xops: one untimed tick that loads the history, then TICKS timed ones.
  const logger = {
    info: () => undefined,
    warn: (fields: Record<string, unknown>, message: string) => say(`evaluator: ${message} ${JSON.stringify(fields)}`),
    error: (fields: Record<string, unknown>, message: string) => say(`evaluator error: ${message} ${String(fields.err)}`),
  };
  const evaluator = createSloEvaluator({ store: openedStore, clock: systemClock, logger, holder: 'bench' });
  try {
    phase = performance.now();
    const first = await evaluator.evaluateOnce(now0);
    say(`xops: first tick, at the instant Prometheus evaluated, loading ${SLOS} × 30 days from SQLite: ${ms(performance.now() - phase)}`);
    say(`  xops vs Prometheus: ${compareVerdicts(first.statuses, verdict)}`);
    const models = Array.from({ length: SLOS }, (_, i) => trafficModel(i, SPAN));
    const random = prng(7);
    const tickMs: number[] = [];
    let now = now0;
    for (let tick = 0; tick < TICKS; tick += 1) {
      const start = now;
      now += BUCKET;
      for (let i = 0; i < SLOS; i += 1) {
        const { good, bad } = trafficAt(models[i] ?? trafficModel(i, SPAN), random, start, BUCKET);
        await openedStore.writeBuckets(seriesKeyForSli(sliName(i)), [{ start, good, total: good + bad }], 'replace');
      }
      const tickBegan = performance.now();
      await evaluator.evaluateOnce(now);
      tickMs.push(performance.now() - tickBegan);
    }
    const xopsTickMs = median(tickMs);
    say(`xops tick: median ${ms(xopsTickMs)} over ${TICKS} ticks (min ${ms(Math.min(...tickMs))}, max ${ms(Math.max(...tickMs))})`);
    say(`load average at end: ${load()}; total ${elapsed()}`);
    report(BENCH, 'xops_tick_ms', Math.round(xopsTickMs * 100) / 100, 'ms');
    report(BENCH, 'prometheus_eval_ms', Math.round(promEvalMs * 10) / 10, 'ms');
    report(BENCH, 'speedup', Math.round((promEvalMs / xopsTickMs) * 10) / 10, 'ratio');
  } finally {
    await evaluator.close();
  }
} finally {
  await prometheus?.stop();
  await store?.close();
  await rm(dir, { recursive: true, force: true });
}
