/**
 * The server's one source of time (DESIGN.md §4): every loop asks it for `now` instead of reading
 * `Date.now()`, so tests can run the same code on simulated time with a `FakeClock`.
 */
export interface Clock {
  /** Epoch milliseconds, UTC. */
  now(): number;
}

/** The wall clock of this machine. */
export const systemClock: Clock = { now: () => Date.now() };
