import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

/** Where the browser tests keep a screenshot of every page they visit (git-ignored; the README names it). */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../../test-artifacts/screenshots/', import.meta.url));

/**
 * Collects what the page logs as an error and what it throws, from now on: a page that works
 * logs nothing at level error (failed loads, React warnings, CSP violations all do).
 */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => { errors.push(`page error: ${error.message}`); });
  return errors;
}

/** Writes a full-page screenshot as `<name>.png` into `SCREENSHOT_DIR`. */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** One axe-core rule a page breaks, with the first few elements that break it. */
export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: readonly string[];
}

/** The result of `axe.run` as far as the tests read it (the root project has no DOM types). */
interface AxeInPage {
  run(context: unknown, options: { resultTypes: string[] }): Promise<{
    violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[];
  }>;
}

let axeSource: string | undefined;

/**
 * axe-core's violations of serious or critical impact on the page as it is now (every rule axe
 * runs by default: WCAG 2.x A and AA, and best practices). axe is evaluated over the DevTools
 * protocol rather than added as a `<script>`: the dashboard's CSP (`script-src 'self'`) rightly
 * refuses inline scripts, and the tests keep that policy on so that a violation of it shows as
 * a console error.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const { axe, document } = globalThis as unknown as { axe: AxeInPage; document: unknown };
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id, impact: violation.impact ?? null, help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
    }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}
