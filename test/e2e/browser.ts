/**
 * Debian's Chromium driven by playwright-core, for the end-to-end tests. Where CI says a browser
 * must be there (BOURSE_CHROMIUM set), a missing one fails the run; elsewhere the tests skip with
 * a message saying how to get one (`apt-get install chromium`).
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { HEADLESS_FLAGS } from '../../src/reports/chromium.js';

export const CHROMIUM_PATH = process.env.BOURSE_CHROMIUM || '/usr/bin/chromium';

/** Why the browser tests cannot run here, or undefined when they can. */
export function browserMissing(): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return undefined;
  const message = `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set BOURSE_CHROMIUM)`;
  if (process.env.BOURSE_CHROMIUM) throw new Error(`BOURSE_CHROMIUM is set but ${message}`);
  return message;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...HEADLESS_FLAGS],
  });
}
