// `npm run bench -- <name>`: runs bench/<name>.ts. Each benchmark prints one JSON object per
// figure on stdout ({"bench","metric","value","unit"}) and its human-readable progress on stderr.
import { readdir } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

const here = new URL('.', import.meta.url);
const available = (await readdir(here))
  .filter((file) => file.endsWith('.ts') && !['run.ts', 'report.ts'].includes(file) && !file.endsWith('.test.ts'))
  .map((file) => file.replace(/\.ts$/, ''));
const name = process.argv[2];

if (name === undefined || !available.includes(name)) {
  process.stderr.write(`usage: npm run bench -- <name>\n  benchmarks: ${available.join(', ') || '(none)'}\n`);
  process.exit(2);
}
await import(pathToFileURL(new URL(`${name}.ts`, here).pathname).href);
