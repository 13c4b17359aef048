import { dailyTraffic } from './daily-traffic';

/** A service of the demo fleet and how it behaves when healthy. */
export interface ServiceProfile {
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

/** One request as the fleet answered it, calls downstream included. */
export interface ServedRequest {
  readonly ok: boolean;
  readonly seconds: number;
}

/** A fault in effect on one service: extra error share and latency. */
export interface ActiveFault {
  readonly errors: number;
  readonly latencyMs: number;
}

/**
 * How the demo fleet serves traffic, shared by the live fleet and the history backfill so both
 * tell the same story: log-normal latencies around each service's median, its own error share,
 * calls downstream by share (a failing callee fails its caller and adds its time), and the number
 * of requests in a second from the daily shape with ±15 % noise. Draws come from `random`, in a
 * fixed order, so a seed gives the same traffic.
 */
export function createRequestModel(options: {
  readonly random: () => number;
  /** Called for every request a service answers, downstream ones included. */
  readonly observe: (service: string, answer: ServedRequest) => void;
  readonly faultAt?: (service: string, at: number) => ActiveFault | undefined;
}) {
  const { random, observe, faultAt } = options;
  const profiles = new Map(DEMO_SERVICES.map((profile) => [profile.name, profile]));
  // Standard normal by Box–Muller, for log-normal latencies and traffic noise.
  const gaussian = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

  function handle(name: string, at: number): ServedRequest {
    const profile = profiles.get(name);
    if (profile === undefined) return { ok: false, seconds: 0 };
    const fault = faultAt?.(name, at);
    let seconds = profile.medianSeconds * Math.exp(0.45 * gaussian()) + (fault?.latencyMs ?? 0) / 1000;
    let ok = random() >= profile.errorRate + (fault?.errors ?? 0);
    let pick = random();
    for (const [callee, share] of profile.calls) {
      if (pick < share) {
        const answer = handle(callee, at);
        ok &&= answer.ok;
        seconds += answer.seconds;
        break;
      }
      pick -= share;
    }
    const answer = { ok, seconds };
    observe(name, answer);
    return answer;
  }

  return {
    gaussian,
    /** One request to `name` at `at` (epoch ms). */
    handle,
    /** How many requests reach the gateway in the second ending at `at`. */
    requestsInSecond: (at: number): number => Math.max(0, Math.round(PEAK_RPS * dailyTraffic(at) * (1 + 0.15 * gaussian()))),
  };
}
