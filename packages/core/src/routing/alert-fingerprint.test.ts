import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alertFingerprint } from './alert-fingerprint';

describe('alertFingerprint', () => {
  it('is the FNV-64a offset basis for no labels', () => {
    expect(alertFingerprint({})).toBe('cbf29ce484222325');
  });

  it("gives prometheus/common's test vector (model/signature_test.go: 5799056148416392346)", () => {
    expect(alertFingerprint({ name: 'garland, briggs', fear: 'love is not enough' })).toBe('507a62d79ee76c9a');
    expect(BigInt('0x507a62d79ee76c9a')).toBe(5_799_056_148_416_392_346n);
  });

  // FNV-1a by its definition (hash ^= byte; hash *= 0x100000001b3, mod 2^64) over bytes written out by hand.
  const fnv1a64 = (bytes: readonly number[]): string => {
    let hash = 0xcbf29ce484222325n;
    for (const byte of bytes) hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
    return hash.toString(16).padStart(16, '0');
  };

  it('hashes name, 0xFF, value, 0xFF for each label', () => {
    expect(alertFingerprint({ a: 'b' })).toBe(fnv1a64([0x61, 0xff, 0x62, 0xff]));
  });

  it('sorts names by their UTF-8 bytes, as Go does, not by UTF-16 code units', () => {
    // U+FF5E is EF BD 9E and U+1F600 is F0 9F 98 80: byte order puts U+FF5E first, while
    // JavaScript's default sort (surrogate D83D < FF5E) would put U+1F600 first.
    const expected = fnv1a64([0xef, 0xbd, 0x9e, 0xff, 0x61, 0xff, 0xf0, 0x9f, 0x98, 0x80, 0xff, 0x62, 0xff]);
    expect(alertFingerprint({ '\u{1F600}': 'b', '\uFF5E': 'a' })).toBe(expected);
  });

  it('does not depend on the order labels come in, and separates names from values', () => {
    expect(alertFingerprint({ a: '1', b: '2' })).toBe(alertFingerprint({ b: '2', a: '1' }));
    expect(alertFingerprint({ ab: 'c' })).not.toBe(alertFingerprint({ a: 'bc' }));
  });

  it('equals FNV-1a over the UTF-8 bytes TextEncoder gives, names sorted by those bytes, for any text', () => {
    // Any UTF-16 code units: astral characters, and lone surrogates (which UTF-8 writes as U+FFFD).
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 8 }).map((units) => String.fromCharCode(...units)));
    const encoder = new TextEncoder();
    const byBytes = (a: Uint8Array, b: Uint8Array) => {
      for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
      return a.length - b.length;
    };
    fc.assert(fc.property(fc.dictionary(text, text), (labels) => {
      const names = Object.keys(labels).sort((a, b) => byBytes(encoder.encode(a), encoder.encode(b)));
      const bytes = names.flatMap((name) => [...encoder.encode(name), 0xff, ...encoder.encode(labels[name]), 0xff]);
      expect(alertFingerprint(labels)).toBe(fnv1a64(bytes));
    }), { numRuns: 500 });
  });

  it('is always 16 lower-case hex digits', () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.string()), (labels) => {
      expect(alertFingerprint(labels)).toMatch(/^[0-9a-f]{16}$/);
    }), { numRuns: 300 });
  });
});
