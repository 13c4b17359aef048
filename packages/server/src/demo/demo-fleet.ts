import type { Clock } from '../clock/clock';
import { dailyTraffic } from './daily-traffic';
import { seededRandom } from './seeded-random';
import { SimulatedService } from './simulated-service';

/** A service of the demo fleet and how it behaves when healthy. */
interface ServiceProfile {
  readonly name: string;
  /** Median time to answer, without its calls downstream, in seconds. */
  readonly medianSeconds: number;
  /** Share of requests failing on their own. */
  readonly errorRate: number;
  /** Requests per second at which its CPU is full. */
  readonly capacity: number;
  /** Which service a request calls downstream, by share of requests: `[service, share]`. */
  readonly calls: readonly (readonly [string, number])[];
}

/** The fleet of DESIGN.md §8: gateway → cart → payments, gateway → catalog (named apart from the tour's checkout and search, so `xops apply -f examples/` holds both). */
export const DEMO_SERVICES: readonly ServiceProfile[] = [
  { name: 'gateway', medianSeconds: 0.012, errorRate: 0.0002, capacity: 120, calls: [['cart', 0.3], ['catalog', 0.6]] },
  { name: 'cart', medianSeconds: 0.04, errorRate: 0.0003, capacity: 40, calls: [['payments', 1]] },
  { name: 'payments', medianSeconds: 0.06, errorRate: 0.0002, capacity: 40, calls: [] },
  { name: 'catalog', medianSeconds: 0.025, errorRate: 0.0002, capacity: 80, calls: [] },
];

/** Requests per second the gateway gets at the peak of the day. */
export const PEAK_RPS = 40;
/** The longest stretch `advance` simulates at once: a fleet that was asleep does not replay days. */
const MAX_CATCH_UP_MS = 3_600_000;

/** A fault injected into one service until `untilMs`: extra failures and extra latency. */
export interface DemoFault {
  readonly service: string;
  /** Share of requests that fail, 0 to 1, on top of the usual ones. */
  readonly errors: number;
  readonly latencyMs: number;
  readonly untilMs: number;
}

export interface DemoFleetOptions {
  /** The traffic and faults follow this clock; the system clock live, a fake one in tests. */
  readonly clock: Clock;
  /** Same seed, same traffic; 1 by default. */
  readonly seed?: number;
  /** Port of the first service's `/metrics`, the others following it; 0 (any free port) by default. */
  readonly basePort?: number;
}

/** The simulated fleet: real `/metrics` endpoints whose counters follow a daily shape, with noise and injected faults. */
export interface DemoFleet {
  /** The seed its traffic is drawn from. */
  readonly seed: number;
  /** `/metrics` URL of every service, by name. */
  readonly urls: Readonly<Record<string, string>>;
  /** Simulates every second from the last call up to `now` (the clock's by default). */
  advance(now?: number): void;
  /** Injects a fault; replaces one already on that service. */
  inject(fault: DemoFault): void;
  /** The faults still in effect. */
  faults(): DemoFault[];
  /** Advances every second on the system's timers. */
  start(): void;
  close(): Promise<void>;
}

/** Starts the demo fleet's `/metrics` endpoints on loopback. */
export async function createDemoFleet(options: DemoFleetOptions): Promise<DemoFleet> {
  const { clock, seed = 1, basePort = 0 } = options;
  const random = seededRandom(seed);
  const services = new Map(DEMO_SERVICES.map((profile) => [profile.name, { profile, sim: new SimulatedService(profile.name), answered: 0 }]));
  const urls: Record<string, string> = {};
  let index = 0;
  try {
    for (const [name, service] of services) urls[name] = await service.sim.listen(basePort === 0 ? 0 : basePort + index++);
  } catch (error) {
    await Promise.all([...services.values()].map((service) => service.sim.close()));
    throw error;
  }
  const injected = new Map<string, DemoFault>();
  let last: number | undefined;
  let timer: NodeJS.Timeout | undefined;

  // Standard normal by Box–Muller, for log-normal latencies.
  const gaussian = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

  /** One request to `name` at `at`, its calls downstream included; returns whether it succeeded and how long it took. */
  function handle(name: string, at: number): { ok: boolean; seconds: number } {
    const service = services.get(name);
    if (service === undefined) return { ok: false, seconds: 0 };
    const fault = injected.get(name);
    const active = fault !== undefined && fault.untilMs > at ? fault : undefined;
    let seconds = service.profile.medianSeconds * Math.exp(0.45 * gaussian()) + (active?.latencyMs ?? 0) / 1000;
    let ok = random() >= service.profile.errorRate + (active?.errors ?? 0);
    let pick = random();
    for (const [callee, share] of service.profile.calls) {
      if (pick < share) {
        const answer = handle(callee, at);
        ok &&= answer.ok;
        seconds += answer.seconds;
        break;
      }
      pick -= share;
    }
    service.sim.answer(ok ? '200' : '500', seconds);
    service.answered++;
    return { ok, seconds };
  }

  function second(at: number): void {
    const rate = PEAK_RPS * dailyTraffic(at) * (1 + 0.15 * gaussian());
    const requests = Math.max(0, Math.round(rate));
    for (const service of services.values()) service.answered = 0;
    for (let i = 0; i < requests; i++) handle('gateway', at);
    for (const service of services.values()) service.sim.setCpu(0.05 + service.answered / service.profile.capacity + 0.02 * gaussian());
  }

  const advance = (now = clock.now()): void => {
    if (last === undefined || now - last > MAX_CATCH_UP_MS) last = now - 1000;
    for (; last + 1000 <= now; last += 1000) second(last + 1000);
    for (const [name, fault] of injected) if (fault.untilMs <= now) injected.delete(name);
  };

  return {
    seed,
    urls,
    advance,
    inject(fault) {
      if (!services.has(fault.service)) throw new RangeError(`no demo service "${fault.service}": the fleet is ${[...services.keys()].join(', ')}`);
      injected.set(fault.service, fault);
    },
    faults: () => [...injected.values()],
    start() {
      timer ??= setInterval(() => advance(), 1000);
      timer.unref();
    },
    async close() {
      clearInterval(timer);
      timer = undefined;
      await Promise.all([...services.values()].map((service) => service.sim.close()));
    },
  };
}
