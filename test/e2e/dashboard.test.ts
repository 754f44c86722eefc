/**
 * The dashboard end to end in real Chromium, against a real server over a paper session replaying
 * the bundled ES minute bars: log in, see candles drawn, place an order and see it fill in the
 * blotter, run a backtest, press the kill switch, and fit a phone's width.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { passwordOf, startTestServer, type TestServer } from '../server/support.js';
import { browserMissing, launchChromium } from './browser.js';

const SHOTS = join(process.cwd(), '.bourse', 'e2e');
const missing = browserMissing();

/**
 * Pixels of lightweight-charts' default up (#26a69a) and down (#ef5350) candle colours on the
 * chart's canvases. Sent as text: tsx would wrap a function's inner helpers in a `__name` the
 * page does not have.
 */
const CANDLE_PIXELS = `(() => {
  const near = (d, i, r, g, b) => Math.abs(d[i] - r) + Math.abs(d[i + 1] - g) + Math.abs(d[i + 2] - b) < 30;
  let up = 0;
  let down = 0;
  for (const canvas of document.querySelectorAll('[data-testid="price-chart"] canvas')) {
    const context = canvas.getContext('2d');
    if (!context || canvas.width === 0 || canvas.height === 0) continue;
    const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] === 0) continue;
      if (near(data, i, 0x26, 0xa6, 0x9a)) up++;
      else if (near(data, i, 0xef, 0x53, 0x50)) down++;
    }
  }
  return { up, down };
})()`;

function candlePixels(page: Page): Promise<{ up: number; down: number }> {
  return page.evaluate(CANDLE_PIXELS) as Promise<{ up: number; down: number }>;
}

async function logIn(page: Page, url: string, role: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('login-username').fill(role);
  await page.getByTestId('login-password').fill(passwordOf(role));
  await page.getByTestId('login-submit').click();
  await page
    .getByTestId('connection-status')
    .filter({ hasText: /^connected$/ })
    .waitFor({ timeout: 20_000 });
}

describe('dashboard in Chromium', { skip: missing, timeout: 240_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let url: string;

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    // A minute bar every 100 ms: the chart fills while the test watches.
    server = await startTestServer({ speed: 600 });
    url = await server.served.server.listen(0);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a wrong password is refused on the login page', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    await page.getByTestId('login-username').fill('trader');
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
    assert.match((await page.getByTestId('login-error').textContent()) ?? '', /wrong username or password/);
    await page.close();
  });

  test('trader: chart drawn, an order fills in the blotter, a backtest runs, the kill switch halts', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await logIn(page, url, 'trader');
    assert.equal((await page.getByTestId('session-state').textContent()) ?? '', 'running');
    assert.match((await page.getByTestId('user-badge').textContent()) ?? '', /trader/);

    // Candles on the chart: both colours drawn, and a screenshot to look at.
    const chart = page.getByTestId('price-chart');
    await chart.locator('canvas').first().waitFor();
    let pixels = { up: 0, down: 0 };
    for (let i = 0; i < 100 && (pixels.up < 50 || pixels.down < 50); i++) {
      await page.waitForTimeout(100);
      pixels = await candlePixels(page);
    }
    await chart.screenshot({ path: join(SHOTS, 'chart.png') });
    assert.ok(pixels.up >= 50 && pixels.down >= 50, `candles drawn: ${JSON.stringify(pixels)}`);

    // An order through the ticket, confirmed, filled in the blotter.
    await page.getByTestId('ticket-side').selectOption('buy');
    await page.getByTestId('ticket-type').selectOption('market');
    await page.getByTestId('ticket-quantity').fill('1');
    await page.getByTestId('ticket-submit').click();
    await page.getByTestId('ticket-confirm').click();
    await page
      .getByTestId('ticket-message')
      .filter({ hasText: /manual-\d+/ })
      .waitFor();
    const id = /manual-\d+/.exec((await page.getByTestId('ticket-message').textContent()) ?? '')![0];
    const filledRow = page.locator(`[data-testid="order-row"][data-order-id="${id}"][data-status="filled"]`);
    await filledRow.waitFor({ timeout: 45_000 }).catch(async (error: Error) => {
      // Say what the session and the page had, so a failure under load can be told from a bug.
      await page.screenshot({ path: join(SHOTS, 'order-not-filled.png') });
      const order = server.served.host.kernel.cache.order(id);
      const row = await page
        .locator(`[data-testid="order-row"][data-order-id="${id}"]`)
        .getAttribute('data-status');
      throw new Error(
        `${error.message}\nsession: ${server.served.host.status().state}, order ${id}: ${order?.status}; row: ${row}`,
      );
    });
    await page
      .locator(`[data-testid="fill-row"][data-order-id="${id}"]`)
      .first()
      .waitFor({ timeout: 45_000 });
    await page.screenshot({ path: join(SHOTS, 'dashboard.png') });

    // The backtest runner: progress, then the tearsheet's charts.
    await page.getByTestId('backtest-dataset').selectOption('2006-day-001.txt');
    await page.getByTestId('backtest-strategy').fill('sma-cross');
    await page.getByTestId('backtest-params').fill('fast=1 slow=15');
    await page.getByTestId('backtest-submit').click();
    await page.getByTestId('backtest-summary').waitFor({ timeout: 60_000 });
    // The README's run (+284.10 over 11 trades) on the server's default 100,000 cash.
    const summary = (await page.getByTestId('backtest-summary').textContent()) ?? '';
    assert.match(summary, /Final value\s*100,284\.10/);
    assert.match(summary, /Trades\s*11(?!\d)/);
    await page.getByTestId('equity-chart').locator('canvas').first().waitFor();
    await page.getByTestId('drawdown-chart').locator('canvas').first().waitFor();

    // The kill switch, with its confirmation: trading halts and the next order is denied with the reason.
    await page.getByTestId('kill-switch').click();
    await page.getByTestId('kill-reason').fill('end-to-end test');
    await page.getByTestId('kill-confirm').click();
    await page
      .getByTestId('risk-state')
      .filter({ hasText: /^halted$/ })
      .waitFor({ timeout: 10_000 });
    await page.getByTestId('ticket-submit').click();
    await page.getByTestId('ticket-confirm').click();
    await page
      .getByTestId('ticket-message')
      .filter({ hasText: /TRADING_HALTED/ })
      .waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(SHOTS, 'killed.png') });
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('viewer: sees the session, cannot trade; the layout fits a phone', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await logIn(page, url, 'viewer');
    await page.getByTestId('price-chart').locator('canvas').first().waitFor();
    assert.equal(await page.getByTestId('ticket-submit').count(), 0, 'no order ticket for a viewer');
    assert.equal(await page.getByTestId('kill-switch').count(), 0, 'no kill switch for a viewer');
    const overflow = (await page.evaluate(
      'document.documentElement.scrollWidth - window.innerWidth',
    )) as number;
    assert.ok(overflow <= 0, `no horizontal scrolling at phone width (overflow ${overflow}px)`);
    await page.screenshot({ path: join(SHOTS, 'phone.png'), fullPage: true });
    await page.getByTestId('logout').click();
    await page.getByTestId('login-submit').waitFor();
    await page.close();
  });
});
