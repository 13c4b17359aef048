/** Called for each non-empty cell that leaves the ring: its index, good and total. */
export type EvictCell = (index: number, good: number, total: number) => void;

// Cumulative sums get rebased before they pass 2^50: integer counts stay exact (below 2^53).
const REBASE_ABOVE = 2 ** 50;

/**
 * A ring of `capacity` equal time cells holding cumulative sums of two channels (good, total).
 * Cell `a` covers `[origin + a × cellMs, origin + (a + 1) × cellMs)`; the ring holds the cells
 * `[hi − capacity + 1, hi]`, and slot `a mod (capacity + 1)` keeps the sum of every cell up to `a`.
 *
 * Why prefix sums rather than running sums per window length: a window sum is two reads
 * (`cum[b] − cum[a − 1]`) whatever its length, so the SLO window and every alert window cost O(1)
 * per tick and a new window length needs no new state; a new cell at the head is O(1). Late data
 * pays instead: changing cell `a` shifts every cumulative value after it, O(hi − a), which is cheap
 * because late buckets are nearly always seconds to minutes behind the head. Running sums would
 * make the head step cost O(windows) and answer only the window lengths registered in advance.
 *
 * Indices into `cum` are in range by construction, hence the non-null assertions.
 */
export class PrefixRing {
  readonly cellMs: number;
  readonly originMs: number;
  readonly capacity: number;
  private readonly slots: number;
  private readonly cum: Float64Array;
  private head = 0;
  private filled = false;

  constructor(options: { readonly cellMs: number; readonly capacity: number; readonly originMs: number }) {
    this.cellMs = options.cellMs;
    this.capacity = Math.max(1, Math.ceil(options.capacity));
    this.originMs = options.originMs;
    this.slots = this.capacity + 1;
    this.cum = new Float64Array(2 * this.slots);
  }

  get isEmpty(): boolean {
    return !this.filled;
  }

  /** Index of the newest cell held (meaningless while empty). */
  get hi(): number {
    return this.head;
  }

  /** Index of the oldest cell held (meaningless while empty). */
  get lo(): number {
    return this.head - this.capacity + 1;
  }

  get byteSize(): number {
    return this.cum.byteLength;
  }

  /** The cell that holds time `t`. */
  indexOf(t: number): number {
    return Math.floor((t - this.originMs) / this.cellMs);
  }

  startOf(index: number): number {
    return this.originMs + index * this.cellMs;
  }

  /** Sum of the cells `[a, b)` still held; cells outside the ring count as empty. */
  sumCells(a: number, b: number, out: Float64Array): void {
    const first = Math.max(a, this.head - this.capacity + 1);
    const last = Math.min(b - 1, this.head);
    if (!this.filled || first > last) {
      out[0] = 0;
      out[1] = 0;
      return;
    }
    const x = this.slot(first - 1);
    const y = this.slot(last);
    out[0] = this.cum[y]! - this.cum[x]!;
    out[1] = this.cum[y + 1]! - this.cum[x + 1]!;
  }

  /**
   * Moves the head to cell `a` (no-op if it is not newer), reporting every non-empty cell that
   * falls out of the ring to `evict` before its slot is reused. New cells start empty.
   */
  advanceTo(a: number, evict?: EvictCell): void {
    const cum = this.cum;
    if (!this.filled) {
      cum.fill(0);
      this.head = a;
      this.filled = true;
      return;
    }
    if (a <= this.head) return;
    if (evict !== undefined) {
      const last = Math.min(a - this.capacity, this.head);
      for (let i = this.head - this.capacity + 1; i <= last; i++) {
        const x = this.slot(i - 1);
        const y = this.slot(i);
        const good = cum[y]! - cum[x]!;
        const total = cum[y + 1]! - cum[x + 1]!;
        if (good !== 0 || total !== 0) evict(i, good, total);
      }
    }
    const h = this.slot(this.head);
    let good = cum[h]!;
    let total = cum[h + 1]!;
    if (Math.abs(total) > REBASE_ABOVE || Math.abs(good) > REBASE_ABOVE) {
      this.rebase();
      good = cum[h]!;
      total = cum[h + 1]!;
    }
    const steps = Math.min(a - this.head, this.slots);
    for (let i = 1; i <= steps; i++) {
      const s = this.slot(this.head + i);
      cum[s] = good;
      cum[s + 1] = total;
    }
    this.head = a;
  }

  /** Adds to cell `a`, which must be held (`lo ≤ a ≤ hi`). O(hi − a). */
  addAt(a: number, good: number, total: number): void {
    const cum = this.cum;
    let s = this.slot(a);
    for (let i = a; i <= this.head; i++) {
      cum[s] = cum[s]! + good;
      cum[s + 1] = cum[s + 1]! + total;
      s += 2;
      if (s === cum.length) s = 0;
    }
  }

  /** Calls `visit` for every non-empty cell held, oldest first. */
  forEachCell(visit: EvictCell): void {
    if (!this.filled) return;
    const cum = this.cum;
    for (let i = this.head - this.capacity + 1; i <= this.head; i++) {
      const x = this.slot(i - 1);
      const y = this.slot(i);
      const good = cum[y]! - cum[x]!;
      const total = cum[y + 1]! - cum[x + 1]!;
      if (good !== 0 || total !== 0) visit(i, good, total);
    }
  }

  clear(): void {
    this.filled = false;
    this.head = 0;
  }

  private slot(index: number): number {
    const s = index % this.slots;
    return 2 * (s < 0 ? s + this.slots : s);
  }

  private rebase(): void {
    const base = this.slot(this.head - this.capacity);
    const good = this.cum[base]!;
    const total = this.cum[base + 1]!;
    for (let s = 0; s < this.cum.length; s += 2) {
      this.cum[s] = this.cum[s]! - good;
      this.cum[s + 1] = this.cum[s + 1]! - total;
    }
  }
}
