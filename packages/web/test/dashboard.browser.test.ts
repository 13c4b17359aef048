import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { peersRequired } from '../../server/test/prometheus-peer';
import { chromiumPresent, launchChromium } from './chromium';
import { keepScreenshot, seriousAxeViolations, watchErrors } from './page-checks';
import { startSeededServer, type SeededServer } from './seeded-server';

// The dashboard in a real browser (issue 6): Debian's Chromium driven by playwright-core against a
// real server with seeded data. Every page is checked the same way (`checkPage`): nothing logged
// at level error, no serious or critical axe-core violation, and a screenshot kept in
// test-artifacts/screenshots/. The cases run in order on one signed-in tab, as a person would.

const present = chromiumPresent('the dashboard browser tests', peersRequired);

/** The SLI line's colour (`lineColor(0)` in charts/chart-colors.ts, #1d5fbf). */
const SLI_LINE = [0x1d, 0x5f, 0xbf] as const;

/** The few canvas APIs `linePixels` uses in the page (the root project has no DOM types). */
interface CanvasInPage {
  readonly width: number;
  readonly height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { readonly data: ArrayLike<number> } } | null;
}

describe.runIf(present || peersRequired)('the dashboard in Chromium', { timeout: 30_000 }, () => {
  let server: SeededServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    expect(present, 'Chromium is missing and XOPS_REQUIRE_PEERS=1').toBe(true);
    [server, browser] = await Promise.all([startSeededServer(), launchChromium()]);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    errors = watchErrors(page);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  afterEach(() => {
    // Errors are read at each page's check; what is left is from the end of the last case.
    expect(errors.splice(0)).toEqual([]);
  });

  /** The checks every page gets, then its screenshot. */
  const checkPage = async (on: Page, name: string, pageErrors: string[]) => {
    expect(await seriousAxeViolations(on), `axe on ${name}`).toEqual([]);
    await keepScreenshot(on, name);
    expect(pageErrors.splice(0), `errors on ${name}`).toEqual([]);
  };

  /** Pixels within ±40 per channel of `rgb` on `canvas`, read back from the canvas itself. */
  const linePixels = (canvas: ReturnType<Page['locator']>, rgb: readonly number[]) => canvas.evaluate((element: CanvasInPage, [r, g, b]) => {
    const { data } = element.getContext('2d')!.getImageData(0, 0, element.width, element.height);
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      const near = Math.abs(data[i]! - r!) <= 40 && Math.abs(data[i + 1]! - g!) <= 40 && Math.abs(data[i + 2]! - b!) <= 40;
      if (near && data[i + 3]! > 200) count += 1;
    }
    return count;
  }, rgb);

  it('signs in with a token', async () => {
    await page.goto(server.url);
    await expect.poll(() => page.getByRole('heading', { name: 'Sign in to xops' }).isVisible()).toBe(true);
    await checkPage(page, 'login', errors);

    await page.getByLabel('API token').fill(server.adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    expect(await page.getByTestId('whoami').innerText()).toContain('admin');
  });

  it('shows every service with its SLOs, the open incidents and who is on call', async () => {
    const checkout = page.locator('[data-testid="slo-row"][data-slo="checkout-availability"]');
    await checkout.waitFor();
    expect(await page.locator('[data-testid="service-group"]').evaluateAll((groups: { getAttribute(name: string): string | null }[]) =>
      groups.map((group) => group.getAttribute('data-service')).sort())).toEqual(['checkout', 'search']);
    // 540 failed of 1,296,000 requests against a budget of 0.1 %: 1 − 540 / 1296 = 58.33 % left.
    const budget = checkout.getByTestId('budget-remaining');
    expect(await budget.innerText()).toBe('58.33%');
    const api = await server.client.getSloStatus('checkout-availability');
    expect(Number(await budget.getAttribute('data-value'))).toBe(api.objectives[0]!.errorBudget.remaining);

    expect(await page.getByTestId('incident').count()).toBe(2);
    await expect.poll(() => page.getByTestId('on-call-now').innerText()).toContain('payments-primary');
    await checkPage(page, 'overview', errors);
  });

  it('acknowledges an incident from the overview', async () => {
    const first = page.locator('[data-testid="incident"][data-number="1"]');
    await first.getByRole('button', { name: 'Acknowledge #1' }).click();
    await expect.poll(() => first.innerText()).toContain('acknowledged');
    expect(await first.getByRole('button').count()).toBe(0);
    expect((await server.client.getIncident('1')).state).toBe('acknowledged');
  });

  it('follows a service to its SLO, whose charts draw and whose budget is the API\'s', async () => {
    await page.locator('[data-testid="service-group"][data-service="checkout"]').getByRole('link', { name: 'checkout-availability' }).click();
    await page.getByRole('heading', { level: 1, name: 'SLO checkout-availability' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/slos/checkout-availability');

    const budget = page.getByTestId('slo-summary').getByTestId('budget-remaining');
    await budget.waitFor();
    const api = await server.client.getSloStatus('checkout-availability');
    expect(Number(await budget.getAttribute('data-value'))).toBe(api.objectives[0]!.errorBudget.remaining);
    expect(await budget.innerText()).toBe('58.33%');

    // The traffic covers the last 6 hours: over that range the SLI line spans the whole chart.
    await page.getByLabel('6 hours').check();
    const sliCanvas = page.getByTestId('chart-sli').locator('canvas');
    await sliCanvas.waitFor();
    await expect.poll(() => linePixels(sliCanvas, SLI_LINE), { timeout: 10_000 }).toBeGreaterThan(300);
    expect(await page.getByTestId('chart-burn-rate').count()).toBeGreaterThan(0);
    await checkPage(page, 'slo-detail', errors);
  });

  it('shows the public status page without a token', async () => {
    // A fresh context: no session storage, so no token.
    const anonymous = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    try {
      const statusPage = await anonymous.newPage();
      const statusErrors = watchErrors(statusPage);
      const response = await statusPage.goto(`${server.url}/status`);
      expect(response?.status()).toBe(200);
      await statusPage.getByRole('heading', { level: 1 }).waitFor();
      expect(await statusPage.getByText('Checkout').count()).toBeGreaterThan(0);
      expect(await statusPage.getByLabel('API token').count()).toBe(0);
      await checkPage(statusPage, 'status', statusErrors);
    } finally {
      await anonymous.close();
    }
  });
});
