import type { Clock } from '../clock/clock';
import { createRequestModel, DEMO_SERVICES, type ServiceProfile } from './demo-request-model';
import { createOtlpPushingService, type OtlpPushingService, type OtlpTarget } from './otlp-pushing-service';
import { seededRandom } from './seeded-random';
import { SimulatedService, type DemoServiceMetrics } from './simulated-service';

/** The longest stretch `advance` simulates at once: a fleet that was asleep does not replay days. */
const MAX_CATCH_UP_MS = 3_600_000;
/** How often the OTLP services push, in simulated time: the scrape interval of `examples/demo/`. */
const DEMO_PUSH_INTERVAL_MS = 5000;

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
  /** Port of the first scraped service's `/metrics`, the others following it; 0 (any free port) by default. */
  readonly basePort?: number;
  /** The services that push their metrics over OTLP instead of serving `/metrics`; `['catalog']` by default. */
  readonly otlpServices?: readonly string[];
}

/**
 * The simulated fleet: services whose metrics follow a daily shape, with noise and injected
 * faults, either served on real `/metrics` endpoints or pushed over OTLP.
 */
export interface DemoFleet {
  /** The seed its traffic is drawn from. */
  readonly seed: number;
  /** Every service, in the fleet's order. */
  readonly services: readonly string[];
  /** `/metrics` URL of every scraped service, by name. */
  readonly urls: Readonly<Record<string, string>>;
  /** The services that push OTLP (they have no URL). */
  readonly otlpServices: readonly string[];
  /** Where the OTLP services push from now on; until then they push nothing. */
  pushTo(target: OtlpTarget): void;
  /**
   * Simulates every second from the last call up to `now` (the clock's by default). When
   * `DEMO_PUSH_INTERVAL_MS` of simulated time has passed since the last push, the OTLP services
   * push, stamped with the last simulated second; resolves once xops answered that push.
   */
  advance(now?: number): Promise<void>;
  /** Injects a fault; replaces one already on that service. */
  inject(fault: DemoFault): void;
  /** The faults still in effect. */
  faults(): DemoFault[];
  /** Advances every second on the system's timers. */
  start(): void;
  close(): Promise<void>;
}

interface FleetService {
  readonly profile: ServiceProfile;
  readonly metrics: DemoServiceMetrics;
  answered: number;
}

/** Starts the demo fleet: `/metrics` endpoints on loopback, OTLP services ready to push. */
export async function createDemoFleet(options: DemoFleetOptions): Promise<DemoFleet> {
  const { clock, seed = 1, basePort = 0, otlpServices = ['catalog'] } = options;
  const names = DEMO_SERVICES.map((profile) => profile.name);
  for (const name of otlpServices) {
    if (!names.includes(name)) throw new RangeError(`no demo service "${name}" to push OTLP: the fleet is ${names.join(', ')}`);
  }
  const random = seededRandom(seed);
  const pushers: OtlpPushingService[] = [];
  const services = new Map<string, FleetService>(DEMO_SERVICES.map((profile) => {
    if (!otlpServices.includes(profile.name)) return [profile.name, { profile, metrics: new SimulatedService(profile.name), answered: 0 }];
    const pusher = createOtlpPushingService(profile.name, clock.now());
    pushers.push(pusher);
    return [profile.name, { profile, metrics: pusher, answered: 0 }];
  }));
  const urls: Record<string, string> = {};
  let index = 0;
  try {
    for (const [name, service] of services) {
      if (service.metrics instanceof SimulatedService) urls[name] = await service.metrics.listen(basePort === 0 ? 0 : basePort + index++);
    }
  } catch (error) {
    await Promise.all([...services.values()].map((service) => service.metrics.close()));
    throw error;
  }
  const injected = new Map<string, DemoFault>();
  let last: number | undefined;
  let lastPush = -Infinity;
  let pushing: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  const model = createRequestModel({
    random,
    observe: (name, answer) => {
      const service = services.get(name);
      if (service === undefined) return;
      service.metrics.answer(answer.ok ? '200' : '500', answer.seconds);
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
    for (const service of services.values()) service.metrics.setCpu(0.05 + service.answered / service.profile.capacity + 0.02 * model.gaussian());
  }

  const advance = (now = clock.now()): Promise<void> => {
    if (last === undefined || now - last > MAX_CATCH_UP_MS) last = now - 1000;
    for (; last + 1000 <= now; last += 1000) second(last + 1000);
    for (const [name, fault] of injected) if (fault.untilMs <= now) injected.delete(name);
    // One push at a time: a slow answer delays the next push rather than piling pushes up.
    if (pushers.length > 0 && pushing === undefined && last - lastPush >= DEMO_PUSH_INTERVAL_MS) {
      const at = last;
      lastPush = at;
      pushing = Promise.all(pushers.map((pusher) => pusher.push(at))).then(() => undefined).finally(() => { pushing = undefined; });
    }
    return pushing ?? Promise.resolve();
  };

  return {
    seed,
    services: names,
    urls,
    otlpServices: pushers.map((pusher) => pusher.name),
    pushTo(target) {
      for (const pusher of pushers) pusher.pushTo(target);
    },
    advance,
    inject(fault) {
      if (!services.has(fault.service)) throw new RangeError(`no demo service "${fault.service}": the fleet is ${names.join(', ')}`);
      injected.set(fault.service, fault);
    },
    faults: () => [...injected.values()],
    start() {
      timer ??= setInterval(() => { void advance(); }, 1000);
      timer.unref();
    },
    async close() {
      clearInterval(timer);
      timer = undefined;
      await pushing;
      await Promise.all([...services.values()].map((service) => service.metrics.close()));
    },
  };
}
