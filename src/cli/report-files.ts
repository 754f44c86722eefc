/**
 * `--report FILE.html` and `--pdf FILE.pdf` of one HTML page (the comparison, walk-forward and
 * optimisation reports): the page rendered once, written, printed by Chromium, each file announced
 * on stderr. `--pdf` looks for the browser before the work starts (`checkPdfBrowser`).
 */
import { writeFileSync } from 'node:fs';
import { findChromium } from '../reports/chromium.js';
import { printPdf } from '../reports/pdf.js';

export interface ReportFlags {
  report?: string;
  pdf?: string;
}

/** With `--pdf`, a missing Chromium is an error now, before any backtest runs. */
export function checkPdfBrowser(flags: ReportFlags): void {
  if (flags.pdf !== undefined) findChromium();
}

/** Writes `--report` and prints `--pdf` of the page `render` gives (called only when one is asked for). */
export async function writeReportFiles(
  flags: ReportFlags,
  what: string,
  render: () => string,
): Promise<void> {
  if (flags.report === undefined && flags.pdf === undefined) return;
  const html = render();
  if (flags.report !== undefined) {
    writeFileSync(flags.report, html);
    process.stderr.write(`${what} written to ${flags.report}\n`);
  }
  if (flags.pdf !== undefined) {
    const printed = await printPdf(html, flags.pdf);
    process.stderr.write(`PDF ${what} written to ${flags.pdf} (${printed.bytes} bytes)\n`);
  }
}
