// Open-loop load from a worker thread (so it shares no event loop with the server under test):
// request k of a step is due at start + k × interval whether or not earlier ones were answered,
// and its latency runs from when it was due to the end of the answer, so a server that falls
// behind is charged for the wait it causes (no coordinated omission).
import { Worker } from 'node:worker_threads';

const WORKER = `
const { parentPort } = require('node:worker_threads');
const { readFileSync, readlinkSync } = require('node:fs');
const http = require('node:http');
// This thread's CPU time in ms (utime + stime, in clock ticks of 10 ms), to take out of the process's.
const cpuMs = () => { const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' '); return (Number(fields[11]) + Number(fields[12])) * 10; };
parentPort.on('message', async ({ url, headers, bodies, intervalMs, drainMs }) => {
  const cpuBefore = cpuMs();
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const latencies = new Float64Array(bodies.length).fill(NaN);
  const statuses = new Int32Array(bodies.length);
  let firstError = '';
  let pending = bodies.length;
  let lastEnd = 0;
  let finish;
  const finished = new Promise((resolve) => { finish = resolve; });
  const start = performance.now() + 20;
  const send = (k) => {
    const due = start + k * intervalMs;
    const req = http.request({ agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST',
      headers: { ...headers, 'content-length': bodies[k].length } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const end = performance.now();
        statuses[k] = res.statusCode;
        if (res.statusCode >= 200 && res.statusCode < 300) { latencies[k] = end - due; lastEnd = Math.max(lastEnd, end); }
        else if (!firstError) firstError = res.statusCode + ' ' + Buffer.concat(chunks).toString().slice(0, 300);
        if (--pending === 0) finish();
      });
    });
    req.on('error', (e) => { if (!firstError) firstError = String(e); if (--pending === 0) finish(); });
    req.end(bodies[k]);
  };
  let next = 0;
  await new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (next < bodies.length && start + next * intervalMs <= now) send(next++);
      if (next === bodies.length) return resolve();
      setTimeout(tick, Math.max(0, start + next * intervalMs - performance.now()));
    };
    setTimeout(tick, Math.max(0, start - performance.now()));
  });
  const sentAll = performance.now();
  await Promise.race([finished, new Promise((resolve) => setTimeout(resolve, drainMs))]);
  agent.destroy();
  parentPort.postMessage({
    latencies, statuses, firstError, elapsedMs: (lastEnd || sentAll) - start, sendLagMs: sentAll - (start + (bodies.length - 1) * intervalMs),
    generatorCpuMs: cpuMs() - cpuBefore,
    // "<pid>/task/<tid>": the bench leaves this thread out when it looks for the server's busiest one.
    generatorThread: readlinkSync('/proc/thread-self').split('/').pop(),
  });
});
`;

/** What one step gave: per request its latency in ms (NaN when unanswered or not 2xx) and HTTP status (0 when none). */
export interface StepResult {
  readonly latencies: Float64Array;
  readonly statuses: Int32Array;
  readonly firstError: string;
  /** From the first request's due time to the last 2xx answer. */
  readonly elapsedMs: number;
  /** How late the generator sent its last request: a large lag means the generator, not the server, was short of CPU. */
  readonly sendLagMs: number;
  /** CPU time the generator's thread used during the step, ms (10 ms resolution). */
  readonly generatorCpuMs: number;
  /** The generator's thread id. */
  readonly generatorThread: string;
}

/** A load generator in its own thread; one step at a time. */
export interface OpenLoop {
  /** Sends `bodies` to `url` one every `intervalMs`; waits at most `drainMs` after the last for the answers. */
  step(options: { url: string; headers: Record<string, string>; bodies: readonly Buffer[]; intervalMs: number; drainMs: number }): Promise<StepResult>;
  close(): Promise<void>;
}

export function startOpenLoop(): OpenLoop {
  const worker = new Worker(WORKER, { eval: true });
  return {
    step(options) {
      return new Promise((resolve, reject) => {
        const onMessage = (result: StepResult) => { worker.off('error', onError); resolve(result); };
        const onError = (error: Error) => { worker.off('message', onMessage); reject(error); };
        worker.once('message', onMessage).once('error', onError);
        worker.postMessage(options);
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
