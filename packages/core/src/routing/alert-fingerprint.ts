import type { LabelSet } from './label-matcher';

// FNV-1a, 64 bit (http://www.isthe.com/chongo/tech/comp/fnv/), on four 16-bit limbs, low first,
// so every intermediate stays a small integer (no floats, no BigInt, nothing allocated): the
// offset basis is 0xcbf29ce484222325; the prime 0x100000001b3 = 2^40 + 0x1b3 multiplies by
// 0x1b3, plus the low limbs shifted up by 40 bits (limb i + 2, times 2^8).
const OFFSET_BASIS = [0x23_25, 0x84_22, 0x9c_e4, 0xcb_f2] as const;
const PRIME_LOW = 0x1_b3;
// prometheus/common model/signature.go: a byte that never occurs in UTF-8 ends each name and value.
const SEPARATOR = 0xff;
// Below the first surrogate, UTF-16 code units sort as UTF-8 bytes do.
const FIRST_SURROGATE = 0xd8_00;

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
  const hash = Int32Array.from(OFFSET_BASIS);
  for (const name of sortedNames(labels)) {
    addText(hash, name);
    addText(hash, labels[name] ?? '');
  }
  let hex = '';
  for (let limb = 3; limb >= 0; limb--) hex += (hash[limb] ?? 0).toString(16).padStart(4, '0');
  return hex;
}

/** Hashes the UTF-8 bytes of `text` (as TextEncoder gives them: a lone surrogate is U+FFFD), then the separator. */
function addText(hash: Int32Array, text: string): void {
  // Label names and most values are ASCII: their bytes are their code units, nothing to encode.
  let ascii = true;
  for (let i = 0; i < text.length && ascii; i++) ascii = text.charCodeAt(i) < 0x80;
  const bytes = ascii ? undefined : encoder.encode(text);
  const length = bytes === undefined ? text.length : bytes.length;
  let h0 = hash[0] ?? 0;
  let h1 = hash[1] ?? 0;
  let h2 = hash[2] ?? 0;
  let h3 = hash[3] ?? 0;
  for (let i = 0; i <= length; i++) {
    // hash = (hash ^ byte) × prime mod 2^64
    h0 ^= i === length ? SEPARATOR : bytes === undefined ? text.charCodeAt(i) : (bytes[i] ?? 0);
    const t0 = h0 * PRIME_LOW;
    const t1 = h1 * PRIME_LOW + (t0 >>> 16);
    const t2 = h2 * PRIME_LOW + (t1 >>> 16) + (h0 << 8);
    const t3 = h3 * PRIME_LOW + (t2 >>> 16) + (h1 << 8);
    h0 = t0 & 0xff_ff;
    h1 = t1 & 0xff_ff;
    h2 = t2 & 0xff_ff;
    h3 = t3 & 0xff_ff;
  }
  hash[0] = h0;
  hash[1] = h1;
  hash[2] = h2;
  hash[3] = h3;
}

/** The label names in Go's order, by their UTF-8 bytes. */
function sortedNames(labels: LabelSet): string[] {
  const names = Object.keys(labels);
  // Names without surrogates or anything above them (every Prometheus label name) sort the same
  // by UTF-16 code units; only the others need their bytes compared.
  if (names.every(belowSurrogates)) return names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return names.map((name) => ({ name, bytes: encoder.encode(name) })).sort((a, b) => compareBytes(a.bytes, b.bytes)).map((entry) => entry.name);
}

function belowSurrogates(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= FIRST_SURROGATE) return false;
  return true;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}
