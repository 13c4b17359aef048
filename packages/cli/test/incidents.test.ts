import { FakeClock } from '@xops/server';
import { testDatabaseEngines } from '@xops/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCliHarness, type CliHarness } from './cli-harness';

const T0 = Date.UTC(2026, 2, 4, 10, 0, 0);
const MINUTE = 60_000;

describe.each(testDatabaseEngines())('xops incident, postmortem and report on %s', (engine) => {
  let h: CliHarness;
  let clock: FakeClock;
  beforeEach(async () => {
    clock = new FakeClock(T0);
    h = await openCliHarness(engine, { clock });
  });
  afterEach(async () => { await h.close(); });

  const ok = async (minutes: number, ...args: string[]) => {
    clock.set(T0 + minutes * MINUTE);
    const run = await h.xops(args);
    expect(run.code, run.stderr).toBe(0);
    return run.stdout;
  };

  it('declares, responds, describes, resolves, and follows up an incident', async () => {
    expect(await ok(0, 'incident', 'declare', 'Checkout errors', '--severity', 'sev2', '--service', 'checkout', '--commander', 'alice'))
      .toBe('Incident #1 declared: Checkout errors (SEV2).\n');
    expect(await ok(2, 'incident', 'ack', '1')).toBe('Incident #1 acknowledged.\n');
    expect(await ok(5, 'incident', 'note', '#1', 'Rolled back deploy 42')).toBe('Noted on incident #1.\n');
    expect(await ok(6, 'incident', 'update', '1', '--public', 'We are rolling back a faulty release.')).toBe('Public update posted on incident #1.\n');
    expect(await ok(7, 'incident', 'assign', '1', '--scribe', 'bob')).toBe('Incident #1: scribe is bob.\n');
    expect(await ok(8, 'get', 'incidents', '--state', 'open')).toBe([
      '#   STATE          SEVERITY   TITLE             SERVICES   COMMANDER   OPENED                 COMPLETE',
      '1   acknowledged   SEV2       Checkout errors   checkout   alice       2026-03-04 10:00:00Z   no',
      '',
    ].join('\n'));
    const described = await ok(8, 'describe', 'incident', '1');
    expect(described.split('\n').filter((line) => !line.startsWith('Id:'))).toEqual([
      'Incident:       #1 Checkout errors',
      'State:          acknowledged',
      'Severity:       SEV2',
      'Services:       checkout',
      'Commander:      alice',
      'Scribe:         bob',
      'Communications: -',
      'Opened:         2026-03-04 10:00:00Z by admin',
      'Acknowledged:   2026-03-04 10:02:00Z (after 2m)',
      'Mitigated:      -',
      'Resolved:       -',
      'Escalation:     -',
      'Postmortem:     drafted when resolved',
      'Complete:       no',
      'Timeline:',
      '  TIME                   WHO     KIND            WHAT',
      '  2026-03-04 10:00:00Z   admin   opened          #1 opened: Checkout errors',
      '  2026-03-04 10:00:00Z   admin   role            Commander: alice',
      '  2026-03-04 10:02:00Z   admin   state           Acknowledged',
      '  2026-03-04 10:05:00Z   admin   note            Rolled back deploy 42',
      '  2026-03-04 10:06:00Z   admin   public-update   We are rolling back a faulty release. (public)',
      '  2026-03-04 10:07:00Z   admin   role            Scribe: bob',
      '',
    ]);

    expect(await ok(30, 'incident', 'resolve', '1')).toBe('Incident #1 resolved. Its postmortem: xops postmortem export 1\n');
    expect(await ok(31, 'postmortem', 'action', 'add', '1', '--owner', 'bob', '--due', '2026-03-03', 'Alert on checkout 5xx'))
      .toBe('Action item 1-1 added: Alert on checkout 5xx (bob, due 2026-03-03).\n');
    const report = await ok(32, 'report', 'incidents');
    expect(report).toContain([
      'By service:',
      'SERVICE    INCIDENTS   ACKNOWLEDGED   RESOLVED   MTTA   MTTR',
      'checkout   1           1              1          2m     30m',
    ].join('\n'));
    expect(report).toContain('Overdue action items:\nID    INCIDENT   DUE          OWNER   ACTION\n1-1   #1         2026-03-03   bob     Alert on checkout 5xx\n');
    expect(await ok(33, 'postmortem', 'action', 'done', '1', '1')).toBe('Action item 1-1 done. Incident #1 is complete.\n');
    const markdown = await ok(34, 'postmortem', 'export', '1');
    expect(markdown.split('\n').slice(0, 3)).toEqual(['# Postmortem #1: Checkout errors', '', 'Status: draft. Complete: yes.']);
    expect(markdown).toContain('| 1-1 | Alert on checkout 5xx | bob | 2026-03-03 | done |');
  });

  it('says what is wrong: a bad severity is bad usage (2), an unknown incident a failure (1)', async () => {
    const bad = await h.xops(['incident', 'declare', 'x', '--severity', 'P1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('error: unknown severity "P1": use SEV1 (worst), SEV2, SEV3 or SEV4\n');
    const missing = await h.xops(['incident', 'ack', '9']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('error: XOPS_ERR_NOT_FOUND: Incident 9 does not exist.\n');
    expect((await h.xops(['postmortem', 'export', '9'])).code).toBe(1);
  });
});
