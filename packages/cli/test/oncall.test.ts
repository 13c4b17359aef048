import { fileURLToPath } from 'node:url';
import type { RouteTestResultBody } from '@xops/contracts';
import { FakeClock } from '@xops/server';
import { testDatabaseEngines } from '@xops/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCliHarness, type CliHarness } from './cli-harness';

// The repository root, where examples/ lives.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
// Wednesday 7 January 2026, 17:50 in Berlin: ana's evening, ten minutes before ben's override.
const NOW = Date.parse('2026-01-07T16:50:00Z');

const NOTES = `Not simulated:
  - Silences are not checked: the simulator does not read the stored silences yet.
  - Inhibition looks only at the alerts given in \`firing\`, not at the alerts firing on the server.
  - Times assume a new group: an alert that joins a group already notified is told at that group's next group_interval.
`;
const PAGE_ROUTE = 'payments{service=~"checkout|payments"}/{severity=~"page|critical"}';
const POLICY = `  Escalation policy payments, levels in order, then 1 more time:
    LEVEL   MODE          ESCALATE AFTER   TARGETS
    1       all           15m              schedule payments-primary
    2       round-robin   10m              ana, ben
    3       all           10m              dora
`;

describe.each(testDatabaseEngines())('xops oncall and xops route test on %s', (engine) => {
  let harness: CliHarness;
  beforeAll(async () => {
    harness = await openCliHarness(engine, { clock: new FakeClock(NOW) });
    const applied = await harness.xops(['apply', '-f', 'examples/oncall', 'examples/routing'], { cwd: ROOT });
    expect(applied.code, applied.stderr).toBe(0);
  });
  afterAll(async () => { await harness.close(); });

  describe('xops oncall who', () => {
    it('shows who is on call now, since and until when in the schedule\'s time, and how to reach them', async () => {
      const run = await harness.xops(['oncall', 'who']);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toBe([
        'SCHEDULE           ON CALL           VIA            SINCE                         UNTIL                         CONTACT',
        'payments-primary   ana (Ana Alves)   layer weekly   Wed 2026-01-07 17:00 +01:00   Wed 2026-01-07 18:00 +01:00   email ana@example.com, slack @ana',
        '',
      ].join('\n'));
    });

    it('answers for any instant: the override at night, and a gap before the first handoff', async () => {
      const night = await harness.xops(['oncall', 'who', '--schedule', 'payments-primary', '--at', '2026-01-07T20:00:00Z']);
      expect(night.stdout.split('\n')[1]).toBe(
        'payments-primary   ben (Ben Becker)   override   Wed 2026-01-07 18:00 +01:00   Thu 2026-01-08 09:00 +01:00   teams https://example.webhook.office.com/webhookb2/payments-ben',
      );
      const before = await harness.xops(['oncall', 'who', '--at', '2026-01-04T12:00:00Z']);
      expect(before.stdout.split('\n')[1]).toBe('payments-primary   nobody (gap)   -     -       Mon 2026-01-05 09:00 +01:00   -');
    });

    it('gives since and until in UTC with -o json', async () => {
      const run = await harness.xops(['oncall', 'who', '--at', '2026-01-07T20:00:00Z', '-o', 'json']);
      expect(JSON.parse(run.stdout).schedules[0]).toMatchObject({ onCall: { name: 'ben' }, since: '2026-01-07T17:00:00.000Z', until: '2026-01-08T08:00:00.000Z' });
    });

    it('fails clearly for an unknown schedule', async () => {
      const run = await harness.xops(['oncall', 'who', '--schedule', 'nope']);
      expect([run.code, run.stderr]).toEqual([1, 'error: XOPS_ERR_NOT_FOUND: Schedule "nope" does not exist.\n']);
    });
  });

  describe('xops oncall schedule', () => {
    it('prints the final schedule with its gap and coverage', async () => {
      const run = await harness.xops(['oncall', 'schedule', 'payments-primary', '--from', '2026-01-04T08:00:00Z', '--to', '2026-01-08T08:00:00Z']);
      expect(run.code, run.stderr).toBe(0);
      // 24 h of gap before the first handoff in 96 h: 75 % covered.
      expect(run.stdout).toBe(`Schedule payments-primary (team payments, Europe/Berlin) from Sun 2026-01-04 09:00 +01:00 to Thu 2026-01-08 09:00 +01:00
FROM                          TO                            ON CALL                VIA
Sun 2026-01-04 09:00 +01:00   Mon 2026-01-05 09:00 +01:00   GAP: nobody            -
Mon 2026-01-05 09:00 +01:00   Mon 2026-01-05 17:00 +01:00   dora (Dora Dietrich)   layer office-hours
Mon 2026-01-05 17:00 +01:00   Tue 2026-01-06 09:00 +01:00   ana (Ana Alves)        layer weekly
Tue 2026-01-06 09:00 +01:00   Tue 2026-01-06 17:00 +01:00   dora (Dora Dietrich)   layer office-hours
Tue 2026-01-06 17:00 +01:00   Wed 2026-01-07 09:00 +01:00   ana (Ana Alves)        layer weekly
Wed 2026-01-07 09:00 +01:00   Wed 2026-01-07 17:00 +01:00   dora (Dora Dietrich)   layer office-hours
Wed 2026-01-07 17:00 +01:00   Wed 2026-01-07 18:00 +01:00   ana (Ana Alves)        layer weekly
Wed 2026-01-07 18:00 +01:00   Thu 2026-01-08 09:00 +01:00   ben (Ben Becker)       override
Coverage: 75%, 1 gap(s) with nobody on call
`);
    });

    it('refuses a backward range as bad usage', async () => {
      const run = await harness.xops(['oncall', 'schedule', 'payments-primary', '--from', '2026-01-08T00:00:00Z', '--to', '2026-01-07T00:00:00Z']);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe('error: XOPS_ERR_VALIDATION: Invalid querystring: `to` (2026-01-07T00:00:00.000Z) must be after `from` (2026-01-08T00:00:00.000Z).\n');
    });
  });

  describe('xops route test', () => {
    it('prints the routes, the group, the escalation and exactly who is paged when', async () => {
      const run = await harness.xops(['route', 'test', '--labels', 'alertname=PaymentsDown,service=payments,severity=page']);
      expect(run.code, run.stderr).toBe(0);
      // The group notifies after group_wait (30 s): level 1 then (ana, on call until 18:00 Berlin),
      // level 2 15 m later (round robin, incident 0: ana), level 3 10 m after that (dora). The
      // repeat begins 10 m later at 17:25:30Z, when ben's override has begun: level 1 pages ben,
      // and the round robin moves on to ben.
      expect(run.stdout).toBe(`Alert {alertname="PaymentsDown", service="payments", severity="page"}
  at           2026-01-07T16:50:00.000Z
  urgency      high (severity "page")
  suppressed   no

Route 1 of 2: ${PAGE_ROUTE}
  tree         Route payments
  continue     yes: the next route is tried too
  group        ${PAGE_ROUTE}:{alertname="PaymentsDown", service="payments"}
  grouped by   {alertname="PaymentsDown", service="payments"}
  timers       group_wait 30s, group_interval 5m, repeat_interval 4h
  target       escalation policy payments
  outcome      PAGE: pages escalation policy payments: high urgency (severity "page")

${POLICY}
  Who is paged if nobody acknowledges (level 1 at the group's first notification):
    AT                         AFTER     LEVEL   REPEAT   WHO
    2026-01-07T16:50:30.000Z   +30s      1       -        ana (Ana Alves), on call in payments-primary (layer weekly)
    2026-01-07T17:05:30.000Z   +15m30s   2       -        ana (Ana Alves)
    2026-01-07T17:15:30.000Z   +25m30s   3       -        dora (Dora Dietrich)
    2026-01-07T17:25:30.000Z   +35m30s   1       1        ben (Ben Becker), on call in payments-primary (override)
    2026-01-07T17:40:30.000Z   +50m30s   2       1        ben (Ben Becker)
    2026-01-07T17:50:30.000Z   +1h30s    3       1        dora (Dora Dietrich)

Route 2 of 2: ${PAGE_ROUTE}#1
  tree         Route payments
  continue     no
  group        ${PAGE_ROUTE}#1:{alertname="PaymentsDown", service="payments"}
  grouped by   {alertname="PaymentsDown", service="payments"}
  timers       group_wait 30s, group_interval 5m, repeat_interval 4h
  target       channel payments-chat
  outcome      NOTIFY: notifies channel payments-chat; a channel never pages

How they are reached:
  PERSON   NAME            CONTACT
  ana      Ana Alves       email ana@example.com, slack @ana
  dora     Dora Dietrich   email dora@example.com
  ben      Ben Becker      teams https://example.webhook.office.com/webhookb2/payments-ben

${NOTES}`);
    });

    it('never pages for a ticket-tier alert', async () => {
      const run = await harness.xops(['route', 'test', '-l', 'alertname=PaymentsSlow,service=payments,severity=ticket', '--at', '2026-01-07T03:00:00Z']);
      expect(run.stdout).toBe(`Alert {alertname="PaymentsSlow", service="payments", severity="ticket"}
  at           2026-01-07T03:00:00.000Z
  urgency      low (severity "ticket"): never pages
  suppressed   no

Route 1 of 1: payments{service=~"checkout|payments"}/{severity=~"ticket|warning|info"}
  tree         Route payments
  continue     no
  group        payments{service=~"checkout|payments"}/{severity=~"ticket|warning|info"}:{alertname="PaymentsSlow", service="payments"}
  grouped by   {alertname="PaymentsSlow", service="payments"}
  timers       group_wait 30s, group_interval 5m, repeat_interval 1d
  target       ticket in project PAY
  outcome      TICKET: files a ticket in project PAY; a ticket never pages

${NOTES}`);
    });

    it('shows an inhibition by an alert given with --firing', async () => {
      const run = await harness.xops(['route', 'test', '-l', 'alertname=CheckoutErrors,service=checkout,region=eu,severity=page', '--firing', 'alertname=PaymentProviderDown,region=eu']);
      const why = 'inhibited by rule provider-down while {alertname="PaymentProviderDown", region="eu"} fires';
      const lines = run.stdout.split('\n');
      expect(lines[3]).toBe(`  suppressed   yes, nobody hears: ${why}`);
      expect(lines.filter((line) => line.startsWith('  outcome'))).toEqual([
        `  outcome      SUPPRESSED: nobody is notified: ${why}`, `  outcome      SUPPRESSED: nobody is notified: ${why}`,
      ]);
      expect(run.stdout).not.toContain('Who is paged');
    });

    it('holds pages back in the Saturday maintenance window, and pages again after it', async () => {
      // Saturday 7 March 02:30 in Berlin (CET) is 01:30Z, inside 02:00–04:00.
      const during = await harness.xops(['route', 'test', '-l', 'alertname=CheckoutErrors,service=checkout,severity=page', '--at', '2026-03-07T01:30:00Z']);
      const lines = during.stdout.split('\n');
      expect(lines[3]).toBe('  suppressed   pages held back, channels and tickets still hear: maintenance window checkout-db-patching (suppress: pages) until 2026-03-07T03:00:00.000Z');
      expect(lines.filter((line) => line.startsWith('  outcome'))).toEqual([
        '  outcome      NOTIFY: tells escalation policy payments without paging anyone: maintenance window checkout-db-patching until 2026-03-07T03:00:00.000Z',
        '  outcome      NOTIFY: notifies channel payments-chat; a channel never pages',
      ]);
      const after = await harness.xops(['route', 'test', '-l', 'alertname=CheckoutErrors,service=checkout,severity=page', '--at', '2026-03-07T03:00:00Z']);
      expect(after.stdout.split('\n')[3]).toBe('  suppressed   no');
      expect(after.stdout).toContain('  outcome      PAGE: pages escalation policy payments: high urgency (severity "page")');
    });

    it('sends what no team route takes to the catch-all, and turns round robin with --incident', async () => {
      const other = await harness.xops(['route', 'test', '-l', 'alertname=DiskFull,service=search', '-o', 'json']);
      const body: RouteTestResultBody = JSON.parse(other.stdout);
      expect(body.routes.map((route) => [route.routeKey, route.groupKey, route.outcome])).toEqual([
        ['catch-all{}', 'catch-all{}:{alertname="DiskFull", service="search"}', 'notify'],
      ]);
      const second = await harness.xops(['route', 'test', '-l', 'service=payments,severity=page', '--incident', '1', '-o', 'json']);
      const level2: RouteTestResultBody = JSON.parse(second.stdout);
      expect(level2.routes[0]?.escalation?.pages.filter((page) => page.level === 2).map((page) => page.users[0]?.name)).toEqual(['ben', 'ana']);
    });

    it('refuses malformed labels and flags as bad usage (exit 2)', async () => {
      const cases: [string[], string][] = [
        [['-l', 'service'], 'error: labels: `service` has no =: write name=value pairs separated by commas, e.g. alertname=PaymentsDown,service=payments,severity=page\n'],
        [['-l', 'service=payments', '--incident', 'two'], 'error: --incident: `two` is not a whole number ≥ 0\n'],
      ];
      for (const [args, stderr] of cases) {
        const run = await harness.xops(['route', 'test', ...args]);
        expect([run.code, run.stderr]).toEqual([2, stderr]);
      }
      const late = await harness.xops(['route', 'test', '-l', 'service=payments', '--at', 'soon']);
      expect(late.code).toBe(2);
      expect(late.stderr).toContain('error: XOPS_ERR_VALIDATION: Invalid body: at: `soon` is not an RFC 3339 time');
      const missing = await harness.xops(['route', 'test']);
      expect([missing.code, missing.stderr]).toEqual([2, 'error: required option \'-l, --labels <labels>\' not specified\n']);
    });

    it('teaches with examples in --help', async () => {
      for (const command of [['route', 'test'], ['oncall', 'who'], ['oncall', 'schedule']]) {
        const run = await harness.xops([...command, '--help']);
        expect(run.code).toBe(0);
        expect(run.stdout).toContain(`Examples:\n  $ xops ${command.join(' ')}`);
      }
    });
  });
});
