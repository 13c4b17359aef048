// `npm run bench -- web`: the dashboard in Debian's Chromium against a server with 1,000 SLOs
// (issue 6). Figures:
//
// - overview_interactive_ms: navigation start → the first moment the overview's SLO table holds
//   all 1,000 rows with no data request pending (from `fetch` until its body has been read),
//   taken after the frame that painted the table (bench/web/page-probes.ts). The token is in
//   session storage already, as after a sign-in, so this includes the token check, loading the
//   scripts and every data request. Each run is a new browser context (cold cache); median of 5.
// - chart_draw_ms: on the SLO detail page, the data in the page (`slo-history-loaded`, after the
//   series is parsed and checked, slo/load-slo-history.ts) → the last of the page's charts had
//   drawn it (`chart-drawn:<title>` marks, charts/time-chart.tsx): React and uPlot. The series is
//   30 days at 1 minute, 43,200 points per line, which the page never asks for (it asks for
//   ~1,000 points): the bench answers its series request with the real 1-minute series, read
//   from the server in four parts. Median of 5.
// - chart_decode_ms: the same runs, the series answer's last byte (resource timing
//   `responseEnd`) → the data in the page: JSON.parse and the contracts' schema check.
// - js_gzip_kb: the JavaScript the browser loaded for the first page (the overview, signed in),
//   from its network log, each file gzipped (level 9) from packages/web/dist: kB of 1,000 bytes.
//
// XOPS_BENCH_SLOS changes the number of SLOs (1,000).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createApiClient } from '@xops/contracts';
import { startServer } from '@xops/server';
import { pino } from 'pino';
import type { Page } from 'playwright-core';
import { CHROMIUM, chromiumPresent, launchChromium } from '../packages/web/test/chromium';
import { monthAtOneMinute } from './web/month-series';
import { chartTimings, installOverviewProbe, installToken, KEEP_NAMES_SHIM, overviewInteractive } from './web/page-probes';
import { applyFleet, CHART_SLO, ingestFleet, sloName } from './web/seed-fleet';
import { report, say } from './report';

const BENCH = 'web';
const SLOS = Number(process.env.XOPS_BENCH_SLOS ?? 1000);
const RUNS = 5;
const REPO = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(REPO, 'packages/web/dist');

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const round1 = (value: number): number => Math.round(value * 10) / 10;
const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');
/** Says what a page logs at level error or throws: a figure from a broken page means nothing. */
const watch = (page: Page): void => {
  page.on('console', (message) => { if (message.type() === 'error') say(`  page console error: ${message.text()}`); });
  page.on('pageerror', (error) => say(`  page error: ${error.message}`));
};

if (!chromiumPresent('bench web', false)) process.exit(1);
say(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${CHROMIUM}; load average ${load()}`);
say('building the dashboard (npm run build -w @xops/web)…');
execFileSync('npm', ['run', 'build', '-w', '@xops/web'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });

const dataDir = await mkdtemp(join(tmpdir(), 'xops-bench-web-'));
let printed = '';
const server = await startServer({
  port: 0, dataDir, version: 'bench', logger: pino({ enabled: false }), handleSignals: false,
  output: { write: (text: string) => { printed += text; } },
});
const browser = await launchChromium();
try {
  const token = /xops_[\w-]{43}/.exec(printed)?.[0];
  if (token === undefined) throw new Error('no admin token printed');
  const client = createApiClient({ server: server.url, token });

  let began = performance.now();
  await applyFleet(client, SLOS);
  const now = Date.now();
  await ingestFleet(client, SLOS, now);
  say(`${SLOS} SLOs applied and their events ingested in ${((performance.now() - began) / 1000).toFixed(1)} s; waiting for an evaluation of all of them…`);
  began = performance.now();
  for (;;) {
    const statuses = await Promise.all([CHART_SLO, sloName(SLOS - 1)].map((slo) => client.getSloStatus(slo).then((s) => s.objectives[0]?.events.total ?? 0, () => 0)));
    if (statuses.every((total) => total > 0)) break;
    if (performance.now() - began > 120_000) throw new Error('the SLOs were not evaluated within 2 minutes');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  say(`evaluated after ${((performance.now() - began) / 1000).toFixed(1)} s`);

  // The overview, cold, RUNS times; the first run's network log gives the first page's scripts.
  const interactive: number[] = [];
  const scripts = new Set<string>();
  for (let run = 0; run < RUNS; run += 1) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(KEEP_NAMES_SHIM);
    await context.addInitScript(installOverviewProbe, { token, rows: SLOS });
    const page = await context.newPage();
    watch(page);
    if (run === 0) page.on('response', (response) => { if (response.request().resourceType() === 'script') scripts.add(new URL(response.url()).pathname); });
    await page.goto(server.url);
    const probe = await page.waitForFunction(overviewInteractive, undefined, { timeout: 60_000 }).then((handle) => handle.jsonValue());
    if (probe === undefined) throw new Error('no probe result');
    interactive.push(probe.at);
    say(`  overview run ${run + 1}: interactive at ${probe.at.toFixed(0)} ms, ${probe.requests} data requests`);
    await context.close();
  }

  const jsBytes = [...scripts].map((path) => gzipSync(readFileSync(join(DIST, path)), { level: 9 }).length);
  say(`first page scripts: ${[...scripts].map((path) => basename(path)).join(', ')}`);

  // The SLO detail with 43,200 points per line.
  say('reading 30 days at 1 minute of the chart SLO…');
  const series = JSON.stringify(await monthAtOneMinute(client, CHART_SLO, now));
  say(`  ${(series.length / 1e6).toFixed(1)} MB of JSON`);
  const seriesPath = `/api/v1/slos/${CHART_SLO}/series`;
  const draws: number[] = [];
  const decodes: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(KEEP_NAMES_SHIM);
    await context.addInitScript(installToken, token);
    await context.route(`**${seriesPath}?*`, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: series }));
    const page = await context.newPage();
    watch(page);
    await page.goto(`${server.url}/slos/${CHART_SLO}`);
    await page.getByTestId('chart-sli').waitFor({ timeout: 60_000 });
    // SloCharts renders every chart at once: the SLI, the burn-down and one per burn-rate tier.
    const charts = await page.locator('figure.chart').count();
    let timings = await page.evaluate(chartTimings, seriesPath);
    for (const deadline = Date.now() + 60_000; timings.charts.filter((chart) => chart.points === 43_200).length < charts;) {
      if (Date.now() > deadline) throw new Error(`the charts did not draw 43,200 points: ${JSON.stringify(timings.charts)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      timings = await page.evaluate(chartTimings, seriesPath);
    }
    if (timings.arrived === null || timings.loaded === null) throw new Error(`no timing for the series: ${JSON.stringify(timings)}`);
    const drawn = Math.max(...timings.charts.map((chart) => chart.at));
    draws.push(drawn - timings.loaded.at);
    decodes.push(timings.loaded.at - timings.arrived);
    say(`  chart run ${run + 1}: series arrived at ${timings.arrived.toFixed(0)} ms, parsed and checked ${(timings.loaded.at - timings.arrived).toFixed(1)} ms later, `
      + `${charts} charts drawn ${(drawn - timings.loaded.at).toFixed(1)} ms after that`);
    await context.close();
  }

  say(`load average at the end ${load()}`);
  report(BENCH, 'overview_interactive_ms', Math.round(median(interactive)), 'ms');
  report(BENCH, 'chart_draw_ms', round1(median(draws)), 'ms');
  report(BENCH, 'chart_decode_ms', round1(median(decodes)), 'ms');
  report(BENCH, 'js_gzip_kb', round1(jsBytes.reduce((sum, bytes) => sum + bytes, 0) / 1000), 'kB');
} finally {
  await browser.close();
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
}
