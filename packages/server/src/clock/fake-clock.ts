import type { Clock } from './clock';

/**
 * A clock that stands still until told to move, for tests on simulated time.
 *
 * @example const clock = new FakeClock(Date.UTC(2024, 0, 1)); clock.advance(10_000);
 */
export class FakeClock implements Clock {
  #now: number;

  constructor(start: number) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  /** Moves time forward by `ms` (never backwards) and returns the new time. */
  advance(ms: number): number {
    if (ms < 0) throw new RangeError(`a clock does not go back: advance(${ms})`);
    this.#now += ms;
    return this.#now;
  }

  /** Jumps to `time`, which must not be before the current time. */
  set(time: number): void {
    if (time < this.#now) throw new RangeError(`a clock does not go back: ${time} is before ${this.#now}`);
    this.#now = time;
  }
}
