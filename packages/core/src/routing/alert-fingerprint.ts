import type { LabelSet } from './label-matcher';

// FNV-1a, 64 bit (http://www.isthe.com/chongo/tech/comp/fnv/): the offset basis
// 0xcbf29ce484222325 as two 32-bit halves; the prime is 0x100000001b3 = 2^40 + 0x1b3.
const OFFSET_HIGH = 0xcb_f2_9c_e4;
const OFFSET_LOW = 0x84_22_23_25;
const PRIME_LOW = 0x1_b3;
// prometheus/common model/signature.go: a byte that never occurs in UTF-8 ends each name and value.
const SEPARATOR = 0xff;

const encoder = new TextEncoder();

/**
 * The fingerprint of an alert: FNV-1a 64 over its labels sorted by name, each name and value
 * followed by the byte 0xFF, as 16 lower-case hex digits. It is Prometheus's
 * `LabelSet.Fingerprint()` (prometheus/common model/signature.go `labelSetToFingerprint`), the
 * `fingerprint` of Alertmanager's webhook, so the same alert has the same id in both.
 *
 * @example alertFingerprint({}) // → 'cbf29ce484222325'
 */
export function alertFingerprint(labels: LabelSet): string {
  // Go sorts names by their bytes; comparing UTF-8 encodings gives that order for any name.
  const names = Object.keys(labels).map((name) => ({ name, bytes: encoder.encode(name) })).sort((a, b) => compareBytes(a.bytes, b.bytes));
  let high = OFFSET_HIGH;
  let low = OFFSET_LOW;
  // hash = (hash ^ byte) × prime mod 2^64, on 32-bit halves: every product stays below 2^42,
  // exact in a double, so no BigInt is needed.
  const step = (byte: number): void => {
    const xored = (low ^ byte) >>> 0;
    const product = xored * PRIME_LOW;
    low = product >>> 0;
    high = (high * PRIME_LOW + Math.floor(product / 0x1_00_00_00_00) + ((xored << 8) >>> 0)) >>> 0;
  };
  const add = (bytes: Uint8Array): void => {
    for (const byte of bytes) step(byte);
    step(SEPARATOR);
  };
  for (const { name, bytes } of names) {
    add(bytes);
    add(encoder.encode(labels[name] ?? ''));
  }
  return high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0');
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}
