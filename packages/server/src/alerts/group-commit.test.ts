import type { AlertIntakeOutcome, AlertReport } from '@xops/store';
import { describe, expect, it } from 'vitest';
import { createGroupCommit, type IntakeTransaction } from './group-commit';

const report = (dedupKey: string): AlertReport => ({ kind: 'resolve', source: 'alerts', dedupKey, at: 0 });

/** A transaction that records what it was given and answers each report with its key; fails when a key says so. */
function recordingTransaction(options: { failOn?: string } = {}) {
  const calls: { keys: string[]; actor: string }[] = [];
  let release: (() => void) | undefined;
  const transaction: IntakeTransaction = async (reports, actor) => {
    calls.push({ keys: reports.map((one) => one.dedupKey), actor });
    if (calls.length === 1 && options.failOn === undefined) await new Promise<void>((resolve) => { release = resolve; });
    if (options.failOn !== undefined && reports.some((one) => one.dedupKey === options.failOn)) throw new Error(`bad report ${options.failOn}`);
    const outcome: AlertIntakeOutcome = {
      alerts: reports.map((one) => ({ source: one.source, dedupKey: one.dedupKey, fingerprint: null, status: null, outcome: null, incident: null })),
      notifications: 0,
      groups: reports.length,
    };
    return outcome;
  };
  return { transaction, calls, release: () => release?.() };
}

const keysOf = (outcome: AlertIntakeOutcome) => outcome.alerts.map((alert) => alert.dedupKey);

describe('createGroupCommit', () => {
  it('takes the requests that wait for a running transaction in together, each answered with its own reports', async () => {
    const { transaction, calls, release } = recordingTransaction();
    const intake = createGroupCommit(transaction);
    const first = intake([report('a')], 'am');
    await new Promise((resolve) => setImmediate(resolve));
    // The first transaction is running: these three wait for it, then go in as one, in order.
    const second = intake([report('b'), report('c')], 'am');
    const third = intake([report('d')], 'am');
    const fourth = intake([report('e')], 'am');
    release();
    expect(keysOf(await first)).toEqual(['a']);
    expect(keysOf(await second)).toEqual(['b', 'c']);
    expect(keysOf(await third)).toEqual(['d']);
    expect(keysOf(await fourth)).toEqual(['e']);
    expect(calls).toEqual([{ keys: ['a'], actor: 'am' }, { keys: ['b', 'c', 'd', 'e'], actor: 'am' }]);
    // Each answer carries what its transaction decided: four reports' groups.
    expect((await second).groups).toBe(4);
  });

  it('with inFlight 2, starts a second transaction while the first runs, and merges what waits for both', async () => {
    const calls: string[][] = [];
    const releases: (() => void)[] = [];
    const intake = createGroupCommit(async (reports) => {
      calls.push(reports.map((one) => one.dedupKey));
      await new Promise<void>((resolve) => releases.push(resolve));
      return { alerts: reports.map((one) => ({ source: one.source, dedupKey: one.dedupKey, fingerprint: null, status: null, outcome: null, incident: null })), notifications: 0, groups: 0 };
    }, { inFlight: 2 });
    const first = intake([report('a')], 'am');
    await new Promise((resolve) => setImmediate(resolve));
    const second = intake([report('b')], 'am');
    await new Promise((resolve) => setImmediate(resolve));
    // Two transactions run: these two wait, and go in together once one of them ends.
    const third = intake([report('c')], 'am');
    const fourth = intake([report('d')], 'am');
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual([['a'], ['b']]);
    releases[0]?.();
    expect(keysOf(await first)).toEqual(['a']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual([['a'], ['b'], ['c', 'd']]);
    releases[1]?.();
    releases[2]?.();
    expect([await second, await third, await fourth].map(keysOf)).toEqual([['b'], ['c'], ['d']]);
  });

  it('takes requests arriving in the same turn together, and one actor\'s apart from another\'s', async () => {
    const { transaction, calls, release } = recordingTransaction();
    const intake = createGroupCommit(transaction);
    const answers = [intake([report('a')], 'am'), intake([report('b')], 'am'), intake([report('c')], 'pd'), intake([report('d')], 'am')];
    await new Promise((resolve) => setImmediate(resolve));
    release();
    expect((await Promise.all(answers)).map(keysOf)).toEqual([['a'], ['b'], ['c'], ['d']]);
    // Merged only with the next in line: arrival order is kept across actors.
    expect(calls).toEqual([{ keys: ['a', 'b'], actor: 'am' }, { keys: ['c'], actor: 'pd' }, { keys: ['d'], actor: 'am' }]);
  });

  it('takes each request in alone when their transaction together fails, so that the error is the bad request\'s own', async () => {
    const { transaction, calls } = recordingTransaction({ failOn: 'bad' });
    const intake = createGroupCommit(transaction);
    const good = intake([report('a')], 'am');
    const bad = intake([report('bad')], 'am');
    const after = intake([report('c')], 'am');
    expect(keysOf(await good)).toEqual(['a']);
    await expect(bad).rejects.toThrow('bad report bad');
    expect(keysOf(await after)).toEqual(['c']);
    expect(calls.map((call) => call.keys)).toEqual([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
  });

  it('puts at most 2,048 reports in one transaction, unless one request brings more', async () => {
    const { transaction, calls } = recordingTransaction({ failOn: 'never' });
    const intake = createGroupCommit(transaction);
    const many = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => report(`${prefix}${i}`));
    await Promise.all([intake(many('a', 1_000), 'am'), intake(many('b', 1_048), 'am'), intake(many('c', 1), 'am'), intake(many('d', 3_000), 'am')]);
    expect(calls.map((call) => call.keys.length)).toEqual([2_048, 1, 3_000]);
  });

  it('answers a request that arrives after the queue has run dry', async () => {
    const { transaction, calls } = recordingTransaction({ failOn: 'never' });
    const intake = createGroupCommit(transaction);
    expect(keysOf(await intake([report('a')], 'am'))).toEqual(['a']);
    expect(keysOf(await intake([report('b')], 'am'))).toEqual(['b']);
    expect(calls.map((call) => call.keys)).toEqual([['a'], ['b']]);
  });
});
