/** Called for each non-empty cell that leaves the ring, with its index; its counts are in `counts` ([good, total]). */
export type EvictCell = (index: number, counts: Float64Array) => void;

/** Where `advanceTo` and `forEachCell` put the counts of the cell they report (JS is single-threaded). */
const visited = new Float64Array(2);

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
  // The slot of `head`, so a slot is found by an offset from it: `%` on indices in the hundreds of
  // millions runs as a floating-point remainder, several times slower than the whole sum.
  private headSlot = 0;
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
   * The sum of the held cells before cell `a` plus `share` of cell `a` (0 ≤ share ≤ 1), counted
   * from the ring's oldest cell: a cumulative read with a cell taken pro rata, in one pass.
   */
  prefixInto(a: number, share: number, out: Float64Array): void {
    const cum = this.cum;
    const lo = this.head - this.capacity + 1;
    if (!this.filled || a < lo) {
      out[0] = 0;
      out[1] = 0;
      return;
    }
    const base = this.slot(lo - 1);
    const before = this.slot(Math.min(a, this.head + 1) - 1);
    let good = cum[before]! - cum[base]!;
    let total = cum[before + 1]! - cum[base + 1]!;
    if (share > 0 && a <= this.head) {
      const at = this.slot(a);
      good += (cum[at]! - cum[before]!) * share;
      total += (cum[at + 1]! - cum[before + 1]!) * share;
    }
    out[0] = good;
    out[1] = total;
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
      this.headSlot = 0;
      this.filled = true;
      return;
    }
    if (a <= this.head) return;
    if (evict !== undefined) {
      const last = Math.min(a - this.capacity, this.head);
      for (let i = this.head - this.capacity + 1; i <= last; i++) {
        const x = this.slot(i - 1);
        const y = this.slot(i);
        visited[0] = cum[y]! - cum[x]!;
        visited[1] = cum[y + 1]! - cum[x + 1]!;
        if (visited[0] !== 0 || visited[1] !== 0) evict(i, visited);
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
    const moved = a - this.head;
    let headSlot = this.headSlot + (moved < this.slots ? moved : moved % this.slots);
    if (headSlot >= this.slots) headSlot -= this.slots;
    this.headSlot = headSlot;
    this.head = a;
  }

  /**
   * Appends cell `hi + 1` holding (good, total) to a non-empty ring: the fast path of a series
   * that arrives in time order. The counts of the cell that leaves (`lo` before the call) are
   * written to `evicted`, zeros when it was empty.
   */
  push(good: number, total: number, evicted: Float64Array): void {
    const cum = this.cum;
    const head = this.slot(this.head);
    // With capacity + 1 slots, the new head's slot is the one that held the sum before `lo`.
    const next = this.slot(this.head + 1);
    const lo = this.slot(this.head - this.capacity + 1);
    evicted[0] = cum[lo]! - cum[next]!;
    evicted[1] = cum[lo + 1]! - cum[next + 1]!;
    cum[next] = cum[head]! + good;
    cum[next + 1] = cum[head + 1]! + total;
    this.head++;
    this.headSlot = next / 2;
    if (cum[next + 1]! > REBASE_ABOVE || cum[next]! > REBASE_ABOVE) this.rebase();
  }

  /** Adds to the newest cell of a non-empty ring: `addAt(hi, …)`. */
  addAtHead(good: number, total: number): void {
    const cum = this.cum;
    const s = 2 * this.headSlot;
    cum[s] = cum[s]! + good;
    cum[s + 1] = cum[s + 1]! + total;
  }

  /** Sum of every cell held, `sumCells(lo, hi + 1)`; zeros while empty. */
  sumAllInto(out: Float64Array): void {
    if (!this.filled) {
      out[0] = 0;
      out[1] = 0;
      return;
    }
    const cum = this.cum;
    const y = 2 * this.headSlot;
    // With capacity + 1 slots, the slot after the head's holds the sum before `lo`.
    const x = this.headSlot + 1 === this.slots ? 0 : y + 2;
    out[0] = cum[y]! - cum[x]!;
    out[1] = cum[y + 1]! - cum[x + 1]!;
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
      visited[0] = cum[y]! - cum[x]!;
      visited[1] = cum[y + 1]! - cum[x + 1]!;
      if (visited[0] !== 0 || visited[1] !== 0) visit(i, visited);
    }
  }

  clear(): void {
    this.filled = false;
    this.head = 0;
    this.headSlot = 0;
  }

  // Position in `cum` of cell `index`, for `hi − capacity ≤ index ≤ hi + capacity + 1`.
  private slot(index: number): number {
    let s = this.headSlot + (index - this.head);
    if (s < 0) s += this.slots;
    else if (s >= this.slots) s -= this.slots;
    return 2 * s;
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
