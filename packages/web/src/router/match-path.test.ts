import { describe, expect, it } from 'vitest';
import { fillPath, matchPath } from './match-path';

describe('matchPath', () => {
  it('matches static paths, with or without a trailing slash', () => {
    expect(matchPath('/', '/')).toEqual({});
    expect(matchPath('/replay', '/replay/')).toEqual({});
    expect(matchPath('/replay', '/')).toBeNull();
    expect(matchPath('/', '/replay')).toBeNull();
  });

  it('reads parameters, decoded', () => {
    expect(matchPath('/slos/:name', '/slos/cart-availability')).toEqual({ name: 'cart-availability' });
    expect(matchPath('/slos/:name', '/slos/a%20b')).toEqual({ name: 'a b' });
    expect(matchPath('/incidents/:ref/postmortem', '/incidents/42/postmortem')).toEqual({ ref: '42' });
  });

  it('refuses a path of another length, another segment or a bad escape', () => {
    expect(matchPath('/slos/:name', '/slos')).toBeNull();
    expect(matchPath('/slos/:name', '/slos/a/b')).toBeNull();
    expect(matchPath('/slos/:name', '/services/a')).toBeNull();
    expect(matchPath('/slos/:name', '/slos/%E0%A4%A')).toBeNull();
  });
});

describe('fillPath', () => {
  it('encodes the parameters it fills in', () => {
    expect(fillPath('/slos/:name', { name: 'a b/c' })).toBe('/slos/a%20b%2Fc');
    expect(fillPath('/incidents/:ref', { ref: '7' })).toBe('/incidents/7');
  });

  it('round-trips with matchPath', () => {
    const name = 'weird name?#%';
    expect(matchPath('/slos/:name', fillPath('/slos/:name', { name }))).toEqual({ name });
  });
});
