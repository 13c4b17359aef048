/** Bytes of a decoded body, `bytes[start, end)`, with `view` over the same memory. */
export interface ByteRange {
  readonly bytes: Buffer;
  readonly view: DataView;
  readonly start: number;
  readonly end: number;
}

interface Entry<T> {
  readonly value: T;
  readonly bytes: Buffer;
  /** The next entry with the same hash. */
  next: Entry<T> | undefined;
}

/** How many entries are kept by default: about 100 MB of remote-write series heads at 10 labels a series. */
const DEFAULT_MAX_ENTRIES = 100_000;

/**
 * Values decoded before, by the bytes they were decoded from: a sender (Prometheus' remote write,
 * an OpenTelemetry SDK) sends the same series with the same bytes every few seconds, and bytes
 * seen before are answered from here instead of being decoded, checked as UTF-8 and turned into
 * objects again. When it holds `maxEntries` values it is emptied and fills again with what is
 * still sent, so that series that went away are forgotten.
 *
 * Entries are found by a hash of the bytes and then compared byte for byte: making a string of
 * the bytes to key a Map would cost twice as much, V8 hashing a new 200-character string on every
 * lookup.
 */
export class ByteKeyedCache<T> {
  readonly #entries = new Map<number, Entry<T>>();
  #size = 0;

  constructor(private readonly maxEntries = DEFAULT_MAX_ENTRIES) {}

  get(range: ByteRange): T | undefined {
    const { bytes, start, end } = range;
    for (let entry = this.#entries.get(hashBytes(range)); entry !== undefined; entry = entry.next) {
      if (entry.bytes.length === end - start && bytes.compare(entry.bytes, 0, entry.bytes.length, start, end) === 0) return entry.value;
    }
    return undefined;
  }

  /** Keeps `value` for these bytes. */
  set(range: ByteRange, value: T): void {
    if (this.#size >= this.maxEntries) {
      this.#entries.clear();
      this.#size = 0;
    }
    const hash = hashBytes(range);
    // A copy: the request's buffer is not kept alive by the cache.
    this.#entries.set(hash, { value, bytes: Buffer.from(range.bytes.subarray(range.start, range.end)), next: this.#entries.get(hash) });
    this.#size += 1;
  }
}

/** A 32-bit hash of the bytes, four at a time (multiply-xorshift, as in MurmurHash3's mixing). */
function hashBytes({ view, start, end }: ByteRange): number {
  let hash = end - start;
  let at = start;
  for (; at + 4 <= end; at += 4) {
    hash = Math.imul(hash ^ view.getInt32(at, true), 0x9e_37_79_b1);
    hash ^= hash >>> 15;
  }
  for (; at < end; at += 1) hash = Math.imul(hash ^ view.getUint8(at), 0x85_eb_ca_6b);
  return hash;
}
