// Debian's Prometheus as the bench's peer: started on a backfilled TSDB with a rule file, and
// read back through its own /metrics and HTTP API.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A port free a moment ago on loopback (Prometheus cannot report the port it took for `:0`). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error(`no TCP port: ${String(address)}`);
  return address.port;
}

export interface RunningPrometheus {
  readonly url: string;
  /** SIGTERM, then waits for the exit; does nothing once it has exited. */
  stop(): Promise<void>;
}

// Every Prometheus started, so that an interrupted run (Ctrl-C skips `finally`) can stop them.
const started = new Set<RunningPrometheus>();

/** Stops every Prometheus this process started; for signal handlers. */
export async function stopEveryPrometheus(): Promise<void> {
  for (const prometheus of started) await prometheus.stop().catch(() => undefined);
}

/**
 * Starts `binary` on the TSDB in `tsdb` with `<dir>/rules.yml` evaluated every
 * `evaluationIntervalS`, no scrape jobs, listening on `address` (loopback), and waits until it is ready.
 */
export async function startPrometheus(options: {
  readonly binary: string;
  readonly dir: string;
  readonly tsdb: string;
  readonly address: string;
  readonly evaluationIntervalS: number;
}): Promise<RunningPrometheus> {
  const { binary, dir, tsdb, address } = options;
  await writeFile(join(dir, 'prometheus.yml'), `global: { evaluation_interval: ${options.evaluationIntervalS}s }\nrule_files: [rules.yml]\n`);
  let logs = '';
  const child: ChildProcess = spawn(binary, [
    `--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${tsdb}`,
    // Retention counts back from the newest block: ten years keeps every backfilled block.
    '--storage.tsdb.retention.time=3650d', `--web.listen-address=${address}`, '--log.level=warn',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => { logs += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { logs += chunk.toString(); });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const prometheus: RunningPrometheus = {
    url: `http://${address}`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      started.delete(prometheus);
    },
  };
  started.add(prometheus);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (await fetch(`${prometheus.url}/-/ready`).then((r) => r.ok, () => false)) return prometheus;
    if (Date.now() > deadline || child.exitCode !== null) {
      await prometheus.stop();
      throw new Error(`Prometheus did not become ready:\n${logs.slice(-3000)}`);
    }
    await sleep(100);
  }
}

/** One evaluation of one rule group, from Prometheus' /metrics. */
export interface GroupEvaluation {
  /** When it started, Unix seconds (`prometheus_rule_group_last_evaluation_timestamp_seconds`). */
  readonly at: number;
  /** How long it took (`prometheus_rule_group_last_duration_seconds`). */
  readonly seconds: number;
  /** Samples its rules returned (`prometheus_rule_group_last_evaluation_samples`). */
  readonly samples: number;
}

/** The `prometheus_rule_group_last_*` gauges by group name, from the text exposition of /metrics. */
async function ruleGroupGauges(url: string): Promise<Map<string, GroupEvaluation>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const fields = new Map<string, { at: number; seconds: number; samples: number }>();
  // rule_group is "<file>;<group>".
  const line = /^prometheus_rule_group_(last_evaluation_timestamp_seconds|last_duration_seconds|last_evaluation_samples)\{rule_group="[^"]*;([^"]+)"\} (\S+)$/gm;
  for (const [, metric, group = '', value] of text.matchAll(line)) {
    const entry = fields.get(group) ?? { at: 0, seconds: 0, samples: 0 };
    if (metric === 'last_evaluation_timestamp_seconds') entry.at = Number(value);
    else if (metric === 'last_duration_seconds') entry.seconds = Number(value);
    else entry.samples = Number(value);
    fields.set(group, entry);
  }
  return fields;
}

/**
 * Polls /metrics until each of `groups` has been evaluated `rounds` times, and returns every
 * group's evaluations in order. A group's duration is set before its timestamp (`iter` in
 * prometheus/prometheus rules/manager.go), so a new timestamp comes with its own duration; with
 * an evaluation interval of seconds, a poll every 100 ms misses none.
 */
export async function watchEvaluations(options: {
  readonly url: string;
  readonly groups: readonly string[];
  readonly rounds: number;
  readonly timeoutMs: number;
  readonly progress: (text: string) => void;
}): Promise<Map<string, GroupEvaluation[]>> {
  const { url, groups, rounds } = options;
  const seen = new Map<string, GroupEvaluation[]>(groups.map((group) => [group, []]));
  const deadline = Date.now() + options.timeoutMs;
  let reported = 0;
  for (;;) {
    for (const [group, gauge] of await ruleGroupGauges(url)) {
      const list = seen.get(group);
      if (list === undefined || gauge.at <= 0 || list.at(-1)?.at === gauge.at) continue;
      list.push(gauge);
    }
    const done = [...seen.values()].filter((list) => list.length >= rounds).length;
    if (done === groups.length) return seen;
    const once = [...seen.values()].filter((list) => list.length >= 1).length;
    if (once >= reported + 25) {
      reported = once;
      options.progress(`  ${once}/${groups.length} groups evaluated once`);
    }
    if (Date.now() > deadline) throw new Error(`only ${done} of ${groups.length} rule groups were evaluated ${rounds} times in time`);
    await sleep(100);
  }
}

const rulesAnswer = z.object({ data: z.object({ groups: z.array(z.object({
  rules: z.array(z.object({
    name: z.string(), health: z.string(), lastError: z.string().optional(), evaluationTime: z.number(),
    state: z.string().optional(), labels: z.record(z.string(), z.string()).optional(),
  })),
})) }) });
const vectorAnswer = z.object({ data: z.object({ result: z.array(z.object({ metric: z.record(z.string(), z.string()), value: z.tuple([z.number(), z.string()]) })) }) });

/** Every rule as of its group's last evaluation (`GET /api/v1/rules`): health, time taken, alert state. */
export async function ruleEvaluations(url: string): Promise<z.infer<typeof rulesAnswer>['data']['groups'][number]['rules']> {
  const answer = rulesAnswer.parse(await (await fetch(`${url}/api/v1/rules`)).json());
  return answer.data.groups.flatMap((group) => group.rules);
}

/** An instant query's values by the `xops_slo` label. */
export async function instantBySlo(url: string, query: string): Promise<Map<string, number>> {
  const answer = vectorAnswer.parse(await (await fetch(`${url}/api/v1/query?query=${encodeURIComponent(query)}`)).json());
  return new Map(answer.data.result.map((sample) => [sample.metric.xops_slo ?? '', Number(sample.value[1])]));
}
