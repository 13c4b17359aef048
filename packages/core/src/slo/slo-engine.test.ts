import { describe, expect, it } from 'vitest';
import type { AlertRuleDefinition } from './slo-definition';
import { defaultBurnRateRules } from './default-burn-rate-rules';
import { createSloEngine, type SloEngine } from './slo-engine';
import { DAY, HOUR, MINUTE, SECOND, objective, sloDefinition, steadyBuckets } from './testing/slo-fixtures';
import type { SeriesBucket } from './bucket';
import type { AlertTransition } from './alert-state';

const T = Date.UTC(2026, 3, 1, 12);

/** The live loop: every 10 s, the buckets that ended since the last tick, then an evaluation. */
function runLive(engine: SloEngine, buckets: readonly SeriesBucket[], from: number, to: number, seriesKey = 'sli'): AlertTransition[] {
  const transitions: AlertTransition[] = [];
  let next = 0;
  for (let now = from; now <= to; now += 10 * SECOND) {
    while (next < buckets.length && buckets[next]!.start + buckets[next]!.resolutionMs <= now) engine.ingest(seriesKey, buckets[next++]!);
    transitions.push(...engine.evaluate(now).transitions);
  }
  return transitions;
}

describe('createSloEngine alerts', () => {
  it('holds an OpenSLO burn-rate condition pending for alertAfter, then fires', () => {
    // 99 %, 100 events per bucket, from T + 1 h half of them fail. burnRate(1 h) ≥ 2 needs 2 % of
    // 36 000 = 720 bad: the 15th bad bucket (750), fed at T + 1 h + 150 s. alertAfter 5 min → fires at + 450 s.
    const rule: AlertRuleDefinition = { kind: 'burn-rate', name: 'fast', severity: 'page', op: 'gte', threshold: 2, lookbackWindowMs: HOUR, alertAfterMs: 5 * MINUTE };
    const engine = createSloEngine();
    engine.setDefinitions([sloDefinition({ objectives: [objective({ target: 0.99 })], alertRules: [rule] })]);
    const data = [...steadyBuckets(T, T + HOUR, 100), ...steadyBuckets(T + HOUR, T + 2 * HOUR, 100, 50)];
    const transitions = runLive(engine, data, T + HOUR, T + HOUR + 10 * MINUTE);
    expect(transitions.map((t) => [t.at - T - HOUR, t.from, t.to])).toEqual([[150 * SECOND, 'inactive', 'pending'], [450 * SECOND, 'pending', 'firing']]);
    expect(transitions[1]!.value).toBeCloseTo((45 * 50) / 36_000 / 0.01, 9);
  });

  it('does not page for one failed request in an otherwise empty hour (low-traffic guard)', () => {
    // Busy until T − 6 h, silence, then at T a single failed request. The 1-hour window holds 1 event,
    // under the guard's 100, although its burn rate is 1 000× (14.4× needed).
    const data = [...steadyBuckets(T - DAY, T - 6 * HOUR, 100), { start: T, good: 0, total: 1, resolutionMs: 10_000 }];
    const burnRules = defaultBurnRateRules(30 * DAY).filter((rule) => rule.kind === 'multiwindow-burn-rate');
    const guarded = createSloEngine();
    guarded.setDefinitions([sloDefinition({ alertRules: burnRules, minEventsForBurnRateAlerts: 100 })]);
    expect(runLive(guarded, data, T - 10 * MINUTE, T + 20 * MINUTE)).toEqual([]);
    // Without the guard the same request pages: the guard is what keeps the pager quiet.
    const unguarded = createSloEngine();
    unguarded.setDefinitions([sloDefinition({ alertRules: burnRules, minEventsForBurnRateAlerts: 0 })]);
    expect(runLive(unguarded, data, T - 10 * MINUTE, T + 20 * MINUTE).filter((t) => t.to === 'firing').map((t) => t.rule)).toContain('burn-rate-14.4x');
  });

  it('opens a no-data alert when the SLI falls silent and resolves it when data comes back', () => {
    const rule: AlertRuleDefinition = { kind: 'no-data', name: 'silent', severity: 'ticket', afterMs: 10 * MINUTE };
    const engine = createSloEngine();
    engine.setDefinitions([sloDefinition({ alertRules: [rule] })]);
    // Data until T (the last bucket ends at T), nothing for 15 minutes, then data again.
    const data = [...steadyBuckets(T - HOUR, T, 10), ...steadyBuckets(T + 15 * MINUTE, T + 20 * MINUTE, 10)];
    const transitions = runLive(engine, data, T, T + 20 * MINUTE);
    // Silent for 10 min at T + 10 min; the first new bucket ends at T + 15 min + 10 s.
    expect(transitions.map((t) => [t.at - T, t.to, t.value])).toEqual([[10 * MINUTE, 'firing', 10 * MINUTE], [15 * MINUTE + 10 * SECOND, 'resolved', 0]]);
  });

  it('counts silence from the first evaluation for an SLI that never reported', () => {
    const engine = createSloEngine();
    engine.setDefinitions([sloDefinition({ alertRules: [{ kind: 'no-data', name: 'silent', severity: 'ticket', afterMs: MINUTE }] })]);
    expect(engine.evaluate(T).transitions).toEqual([]);
    expect(engine.evaluate(T + MINUTE).transitions).toMatchObject([{ rule: 'silent', to: 'firing', at: T + MINUTE }]);
  });

  it('fires budget-exhausted when the budget is spent, for objectives and the composite', () => {
    const rule: AlertRuleDefinition = { kind: 'budget-exhausted', name: 'spent', severity: 'ticket' };
    const engine = createSloEngine();
    engine.setDefinitions([sloDefinition({
      window: { kind: 'rolling', durationMs: HOUR }, composite: true, alertRules: [rule],
      objectives: [objective({ name: 'a', seriesKey: 'a', target: 0.9 }), objective({ name: 'b', seriesKey: 'b', target: 0.9 })],
    })]);
    // a: 10 % bad = exactly its budget (remaining 0 ⇒ exhausted); b: 6 % bad → 60 % spent; composite 160 %.
    engine.loadSeries({ a: steadyBuckets(T, T + HOUR, 100, 10), b: steadyBuckets(T, T + HOUR, 100, 6) });
    const { transitions, statuses } = engine.evaluate(T + HOUR);
    expect(transitions.map((t) => [t.objective, t.to])).toEqual([['a', 'firing'], ['*', 'firing']]);
    expect(statuses[0]!.objectives.map((o) => o.budget.remaining)).toEqual([expect.closeTo(0, 9), expect.closeTo(0.4, 9), expect.closeTo(-0.6, 9)]);
  });

  it('takes over saved alert states without firing again', () => {
    const rule: AlertRuleDefinition = { kind: 'budget-exhausted', name: 'spent', severity: 'ticket' };
    const definition = sloDefinition({ window: { kind: 'rolling', durationMs: HOUR }, alertRules: [rule] });
    const data = { sli: steadyBuckets(T, T + HOUR, 100, 50) };
    const first = createSloEngine();
    first.setDefinitions([definition]);
    first.loadSeries(data);
    const { states, transitions } = first.evaluate(T + HOUR);
    expect(transitions).toHaveLength(1);
    const second = createSloEngine();
    second.setDefinitions([definition]);
    second.loadSeries(data);
    expect(second.restoreAlertStates([...states, { ...states[0]!, slo: 'gone' }])).toBe(1);
    const next = second.evaluate(T + HOUR + 10 * SECOND);
    expect(next.transitions).toEqual([]);
    expect(next.states[0]).toMatchObject({ status: 'firing', firedAt: T + HOUR });
  });
});

describe('createSloEngine definitions and data', () => {
  it('rejects invalid definitions by name with every reason, and evaluates the rest', () => {
    const engine = createSloEngine();
    const outcome = engine.setDefinitions([
      sloDefinition({ name: 'good' }),
      sloDefinition({ name: 'bad', method: 'Timeslices', objectives: [objective({ target: 1.5 })] }),
      sloDefinition({ name: 'good' }),
    ]);
    expect(outcome.accepted).toEqual(['good']);
    expect(outcome.rejected).toEqual([
      { slo: 'bad', problems: ['objective "availability": target 1.5 is not in [0, 1)', 'objective "availability": Timeslices needs a timeSliceWindow of whole 10-second buckets', 'objective "availability": Timeslices needs a timeSliceTarget in (0, 1]'] },
      { slo: 'good', problems: ['another SLO has this name'] },
    ]);
    expect(outcome.seriesToLoad).toEqual(['sli']);
    expect(engine.evaluate(T).statuses.map((s) => s.slo)).toEqual(['good']);
  });

  it('asks for a reload when a bucket changes the folded past, and loadSeries makes it right', () => {
    const engine = createSloEngine();
    engine.setDefinitions([sloDefinition({ window: { kind: 'rolling', durationMs: DAY } })]);
    const data = steadyBuckets(T - DAY, T, 10);
    engine.loadSeries({ sli: data });
    const late = { start: T - 12 * HOUR, good: 0, total: 10, resolutionMs: 10_000 };
    expect(engine.ingest('sli', late)).toMatchObject({ ok: false, error: { code: 'needs-reload', seriesKeys: ['sli'] } });
    expect(engine.ingest('nope', late)).toMatchObject({ ok: false, error: { code: 'unknown-series' } });
    const fixed = data.map((bucket) => (bucket.start === late.start ? late : bucket));
    engine.loadSeries({ sli: [...fixed].reverse() });
    // 8 640 buckets of 10, one of them all bad: 86 390 good of 86 400.
    expect(engine.evaluate(T).statuses[0]!.objectives[0]!.events).toEqual({ good: 86_390, total: 86_400 });
  });

  it('keeps series data and alert states when the definitions change', () => {
    const engine = createSloEngine();
    const rule: AlertRuleDefinition = { kind: 'budget-exhausted', name: 'spent', severity: 'ticket' };
    engine.setDefinitions([sloDefinition({ window: { kind: 'rolling', durationMs: HOUR }, alertRules: [rule] })]);
    engine.loadSeries({ sli: steadyBuckets(T, T + HOUR, 10, 5) });
    expect(engine.evaluate(T + HOUR).transitions).toHaveLength(1);
    // A longer window: the series is re-laid out (its data copied) and named for a reload of the older past.
    const outcome = engine.setDefinitions([sloDefinition({ window: { kind: 'rolling', durationMs: 7 * DAY }, alertRules: [rule] })]);
    expect(outcome.seriesToLoad).toEqual(['sli']);
    const after = engine.evaluate(T + HOUR + 10 * SECOND);
    expect(after.transitions).toEqual([]);
    expect(after.statuses[0]!.objectives[0]!.events).toEqual({ good: 1800, total: 3600 });
  });

  it('keeps a 30-day Occurrences SLO within 50 KB', () => {
    const engine = createSloEngine();
    engine.setDefinitions([sloDefinition({ alertRules: defaultBurnRateRules(30 * DAY) })]);
    // Retention 30 d + 1 h: (2 168 + 724) slots × 16 bytes, as in SliSeries.
    expect(engine.byteSize()).toBe(46_272);
  });
});
