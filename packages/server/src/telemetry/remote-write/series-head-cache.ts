/** A remote-written series without its samples: its name, its labels but `__name__`, and its identity. */
export interface SeriesHead {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /**
   * The series' label fields exactly as they were sent, one character per byte: a sender writes
   * the same series the same way every time (Prometheus sorts labels by name), so equal keys are
   * the same series. Made once per series, so that maps keyed by it hash it once.
   */
  readonly key: string;
}

/** The label bytes of a series in a decoded body: `bytes[start, end)`, `view` over the same memory. */
export interface LabelBytes {
  readonly bytes: Buffer;
  readonly view: DataView;
  readonly start: number;
  readonly end: number;
}

interface Entry {
  readonly head: SeriesHead;
  readonly bytes: Buffer;
  /** The next entry with the same hash. */
  next: Entry | undefined;
}

/** How many series heads are kept by default: about 100 MB at 10 labels a series. */
const DEFAULT_MAX_SERIES = 100_000;

/**
 * The heads of the series decoded before, by their label bytes. A remote-write sender sends the
 * same series every few seconds: bytes seen before are taken from here instead of being decoded,
 * checked as UTF-8 and turned into a labels object again. When it holds `maxSeries` heads it is
 * emptied and fills again with the series still sent, so that series that went away are forgotten.
 *
 * Entries are found by a hash of the bytes and then compared byte for byte: making a string of
 * the bytes to key a Map would cost twice as much, V8 hashing a new 200-character string on every
 * lookup.
 */
export class SeriesHeadCache {
  readonly #entries = new Map<number, Entry>();
  #size = 0;

  constructor(private readonly maxSeries = DEFAULT_MAX_SERIES) {}

  get(labels: LabelBytes): SeriesHead | undefined {
    const { bytes, start, end } = labels;
    for (let entry = this.#entries.get(hashBytes(labels)); entry !== undefined; entry = entry.next) {
      if (entry.bytes.length === end - start && bytes.compare(entry.bytes, 0, entry.bytes.length, start, end) === 0) return entry.head;
    }
    return undefined;
  }

  /** Keeps `head` for these bytes (its key must be their latin1 text). */
  set(labels: LabelBytes, head: SeriesHead): void {
    if (this.#size >= this.maxSeries) {
      this.#entries.clear();
      this.#size = 0;
    }
    const hash = hashBytes(labels);
    // A copy: the request's buffer is not kept alive by the cache.
    this.#entries.set(hash, { head, bytes: Buffer.from(labels.bytes.subarray(labels.start, labels.end)), next: this.#entries.get(hash) });
    this.#size += 1;
  }
}

/** A 32-bit hash of the bytes, four at a time (multiply-xorshift, as in MurmurHash3's mixing). */
function hashBytes({ view, start, end }: LabelBytes): number {
  let hash = end - start;
  let at = start;
  for (; at + 4 <= end; at += 4) {
    hash = Math.imul(hash ^ view.getInt32(at, true), 0x9e_37_79_b1);
    hash ^= hash >>> 15;
  }
  for (; at < end; at += 1) hash = Math.imul(hash ^ view.getUint8(at), 0x85_eb_ca_6b);
  return hash;
}
