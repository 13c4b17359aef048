import type { Clock } from '../clock/clock';
import { createRequestModel, DEMO_SERVICES } from './demo-request-model';
import { seededRandom } from './seeded-random';
import { SimulatedService } from './simulated-service';

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

  const model = createRequestModel({
    random,
    observe: (name, answer) => {
      const service = services.get(name);
      if (service === undefined) return;
      service.sim.answer(answer.ok ? '200' : '500', answer.seconds);
      service.answered++;
    },
    faultAt: (name, at) => {
      const fault = injected.get(name);
      return fault !== undefined && fault.untilMs > at ? fault : undefined;
    },
  });

  function second(at: number): void {
    const requests = model.requestsInSecond(at);
    for (const service of services.values()) service.answered = 0;
    for (let i = 0; i < requests; i++) model.handle('gateway', at);
    for (const service of services.values()) service.sim.setCpu(0.05 + service.answered / service.profile.capacity + 0.02 * model.gaussian());
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
