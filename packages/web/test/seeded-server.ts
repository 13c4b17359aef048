import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApiClient, type ApiClient, type IncidentDetailsBody } from '@xops/contracts';
import { startServer, type RunningServer } from '@xops/server';
import { pino } from 'pino';
import { loadConfigFiles } from '../../cli/src/config/load-config-files';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const TOKEN = /xops_[\w-]{43}/;
const BUCKET_MS = 10_000;
const HOUR_MS = 3_600_000;

/** The checkout SLI's seeded traffic: 600 requests every 10 s for 6 hours, one failing in every 4th bucket. */
export const CHECKOUT_TRAFFIC = { hours: 6, perBucket: 600, badEvery: 4 } as const;

/** A real server with the README's examples applied, some checkout traffic and two incidents. */
export interface SeededServer {
  readonly url: string;
  readonly adminToken: string;
  readonly client: ApiClient;
  /** Declared open (triggered): #1 for the overview's Acknowledge button, #2 for the incident page. */
  readonly incidents: readonly IncidentDetailsBody[];
  close(): Promise<void>;
}

/**
 * `xops up` as `main.ts` wires it (SQLite in a temporary directory, a loopback port, evaluation
 * every second instead of every 10 s), then `xops apply -f` of the SLO, on-call and routing
 * examples, `CHECKOUT_TRAFFIC` ingested for `checkout-requests`, and two incidents declared.
 * Resolves once the evaluator has counted that traffic. SQLite is enough here: what the browser
 * sees comes through the HTTP API, which the store suites test on both engines.
 */
export async function startSeededServer(): Promise<SeededServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'xops-browser-'));
  let printed = '';
  let server: RunningServer;
  try {
    server = await startServer({
      port: 0, dataDir, version: '0.0.0-test', logger: pino({ enabled: false }), handleSignals: false,
      output: { write: (text: string) => { printed += text; } }, evaluationIntervalMs: 1000,
    });
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const close = async () => {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const adminToken = TOKEN.exec(printed)?.[0];
    if (adminToken === undefined) throw new Error(`no admin token printed: ${printed}`);
    const client = createApiClient({ server: server.url, token: adminToken });

    const loaded = await loadConfigFiles(['examples/openslo', 'examples/oncall', 'examples/routing'], { cwd: REPO });
    if (!loaded.ok) throw new Error(`the examples do not load: ${JSON.stringify(loaded.problems[0])}`);
    await client.apply({ documents: loaded.documents });
    await client.ingestEvents('checkout-requests', checkoutTraffic(Date.now()));
    const incidents = [
      await client.declareIncident({ title: 'Checkout errors after the 14:02 deploy', severity: 'SEV2', services: ['checkout'] }),
      await client.declareIncident({ title: 'Card payments time out', severity: 'SEV3', services: ['checkout'] }),
    ];
    await waitFor('the evaluator to count the checkout traffic', async () => {
      const status = await client.getSloStatus('checkout-availability').catch(() => undefined);
      return status?.objectives[0]?.events.total === totalEvents();
    });
    return { url: server.url, adminToken, client, incidents, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** NDJSON of `CHECKOUT_TRAFFIC` ending at the last whole bucket before `now`. */
function checkoutTraffic(now: number): string {
  const { hours, perBucket, badEvery } = CHECKOUT_TRAFFIC;
  const end = Math.floor(now / BUCKET_MS) * BUCKET_MS;
  const lines: string[] = [];
  for (let i = 0; i < (hours * HOUR_MS) / BUCKET_MS; i += 1) {
    const bad = i % badEvery === 0 ? 1 : 0;
    lines.push(JSON.stringify({ ts: new Date(end - (i + 1) * BUCKET_MS).toISOString(), good: perBucket - bad, total: perBucket }));
  }
  return `${lines.join('\n')}\n`;
}

function totalEvents(): number {
  const { hours, perBucket } = CHECKOUT_TRAFFIC;
  return ((hours * HOUR_MS) / BUCKET_MS) * perBucket;
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
