import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium (`apt-get install -y chromium`; .ci/run installs it). playwright-core never
 * downloads a browser: it drives this one over the DevTools protocol.
 */
export const CHROMIUM = process.env.XOPS_CHROMIUM_BIN ?? '/usr/bin/chromium';

/** True when Chromium is there; logs a notice when it is not and XOPS_REQUIRE_PEERS is not set. */
export function chromiumPresent(what: string, required: boolean): boolean {
  const present = existsSync(CHROMIUM);
  if (!present && !required) console.warn(`${what} skipped: ${CHROMIUM} is missing (apt-get install -y chromium).`);
  return present;
}

/**
 * A headless Chromium: no sandbox (CI runs as root), no GPU (software canvas, the same on every
 * machine), no background requests to Google's services.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
