/**
 * Matches a route pattern against a path: `/slos/:name` and `/slos/checkout%20a` give
 * `{ name: 'checkout a' }`; a path that does not fit gives null. Trailing slashes are ignored;
 * a parameter takes exactly one non-empty segment.
 *
 * @example matchPath('/slos/:name', '/slos/cart-availability') // → { name: 'cart-availability' }
 */
export function matchPath(pattern: string, pathname: string): Readonly<Record<string, string>> | null {
  const want = segments(pattern);
  const have = segments(pathname);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of want.entries()) {
    const actual = have[index];
    if (actual === undefined) return null;
    if (part.startsWith(':')) {
      const value = decode(actual);
      if (value === undefined || value === '') return null;
      params[part.slice(1)] = value;
    } else if (part !== actual) {
      return null;
    }
  }
  return params;
}

/** Fills a pattern's parameters, encoded: `('/slos/:name', { name: 'a b' })` → `/slos/a%20b`. */
export function fillPath(pattern: string, params: Readonly<Record<string, string>>): string {
  return pattern.replace(/:([A-Za-z]\w*)/g, (_match, key: string) => encodeURIComponent(params[key] ?? ''));
}

function segments(path: string): string[] {
  return path.split('/').filter((part) => part !== '');
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
