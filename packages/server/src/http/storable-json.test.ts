import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findUnstorableJson } from './storable-json';

describe('findUnstorableJson', () => {
  it('accepts ordinary documents, astral characters included', () => {
    expect(findUnstorableJson({ a: [1, 'x', null, { b: '😀 ünïcode' }], 'kéy': true })).toBeUndefined();
  });

  it('points at a NUL in a value or a key, and at a lone surrogate', () => {
    expect(findUnstorableJson({ a: [0, { b: 'x\u0000' }] })).toEqual({
      path: ['a', 1, 'b'], message: 'The text contains a NUL character (U+0000), which cannot be stored.',
    });
    expect(findUnstorableJson({ a: { 'k\u0000': 1 } })?.path).toEqual(['a', 'k\u0000']);
    expect(findUnstorableJson(['ok', '\uDC00'])?.path).toEqual([1]);
    expect(findUnstorableJson('\uD83D')?.path).toEqual([]);
  });

  it('stops at 64 levels, however deep the value', () => {
    let deep: unknown = [];
    for (let i = 0; i < 200_000; i += 1) deep = [deep];
    expect(findUnstorableJson(deep)).toEqual({ path: Array.from({ length: 64 }, () => 0), message: 'Nested deeper than 64 levels.' });
    let ok: unknown = 'leaf';
    for (let i = 0; i < 64; i += 1) ok = { k: ok };
    expect(findUnstorableJson(ok)).toBeUndefined();
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.anything({ stringUnit: 'binary' }), (value) => {
      findUnstorableJson(value);
    }));
  });
});
