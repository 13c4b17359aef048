import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the built dashboard is: `dist/` of the `@xops/web` package, found the way Node finds the
 * package (the server reads its files; it imports none of its code, DESIGN.md §2). Without the
 * package, the path it has in this repository.
 */
export function webDistDir(): string {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('@xops/web/package.json')), 'dist');
  } catch {
    return fileURLToPath(new URL('../../../web/dist', import.meta.url));
  }
}
