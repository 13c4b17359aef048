#!/usr/bin/env node
// Prints NDJSON SLI events for the last N hours (default 24) for `xops ingest`: one line per
// 10 seconds, ~600 requests each, with 0.05 % errors and a 15-minute full outage that ended
// 2 hours ago — enough to spend budget and fire (then resolve) the fast-burn page.
//   node examples/data/generate-events.mjs [hours] > checkout.ndjson
process.stdout.on('error', () => process.exit(0)); // e.g. piped into head
const hours = Number(process.argv[2] ?? 24);
const step = 10_000;
const end = Math.floor(Date.now() / step) * step;
const outageEnd = end - 2 * 3_600_000;
const outageStart = outageEnd - 15 * 60_000;
for (let ts = end - hours * 3_600_000; ts < end; ts += step) {
  const total = 550 + Math.round(100 * Math.sin((ts / 86_400_000) * 2 * Math.PI));
  const bad = ts >= outageStart && ts < outageEnd ? total : Math.round(total * 0.0005);
  process.stdout.write(`${JSON.stringify({ ts: new Date(ts).toISOString(), good: total - bad, total })}\n`);
}
