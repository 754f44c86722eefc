/**
 * PDF export: the system's Chromium prints an HTML report (a tearsheet, a comparison, a heatmap) to
 * a PDF file. No browser library: Chromium runs headless as a child process with `--print-to-pdf`
 * on a copy of the page in a temporary folder (with its own profile), which is removed afterwards.
 * Before printing, the print stylesheet of `print-css.ts` is inserted before the page's `</head>`
 * (paper size, margins, nothing cut across pages): the page renderers stay screen-only.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BourseError } from '../core/errors.js';
import { findChromium, HEADLESS_FLAGS } from './chromium.js';
import { withHeadStyle } from './html-head.js';
import { type PrintLayout, printCss } from './print-css.js';

export interface PdfOptions extends PrintLayout {
  /** The browser executable; default: BOURSE_CHROMIUM, else chromium, chromium-browser, google-chrome on PATH. */
  readonly chromium?: string;
  /** Time Chromium has to print, in milliseconds (default 60,000); it is killed after that. */
  readonly timeoutMs?: number;
  /** Where BOURSE_CHROMIUM and PATH are read (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
}

export interface PdfPrinted {
  readonly file: string;
  readonly bytes: number;
  /** Wall time of the print, Chromium's start to the file in place. */
  readonly ms: number;
  readonly chromium: string;
}

/** Headless, no sandbox (root in containers), no GPU, no network beyond the page, no header/footer. */
const FLAGS = [
  ...HEADLESS_FLAGS,
  '--disable-extensions',
  '--no-default-browser-check',
  '--hide-scrollbars',
  '--no-pdf-header-footer',
];

/** Prints `html` to the PDF file `outFile` with Chromium (see the module comment). */
export async function printPdf(html: string, outFile: string, options: PdfOptions = {}): Promise<PdfPrinted> {
  const chromium = findChromium(options.chromium, options.env);
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'bourse-pdf-'));
  try {
    const page = join(dir, 'report.html');
    const pdf = join(dir, 'report.pdf');
    writeFileSync(page, withHeadStyle(html, printCss(options)));
    const args = [...FLAGS, `--user-data-dir=${join(dir, 'profile')}`, `--print-to-pdf=${pdf}`];
    await runChromium(chromium, [...args, pathToFileURL(page).href], options.timeoutMs ?? 60_000, outFile);
    checkPdf(pdf, outFile);
    try {
      copyFileSync(pdf, outFile);
    } catch (error) {
      throw new BourseError('REPORT_WRITE', `${outFile}: cannot write the PDF: ${(error as Error).message}`);
    }
    return { file: outFile, bytes: statSync(outFile).size, ms: performance.now() - started, chromium };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function checkPdf(pdf: string, outFile: string): void {
  let head = '';
  try {
    head = readFileSync(pdf).subarray(0, 5).toString('latin1');
  } catch {
    // No file: reported below.
  }
  if (head !== '%PDF-')
    throw new BourseError('PDF_FAILED', `${outFile}: Chromium exited without printing a PDF`);
}

/** Runs Chromium to its end; kills its process group after `timeoutMs`. */
function runChromium(chromium: string, args: string[], timeoutMs: number, outFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // Its own process group, so that a timeout ends the browser's helper processes too.
    const child = spawn(chromium, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-20_000);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new BourseError('PDF_FAILED', `${outFile}: cannot start ${chromium}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) {
        reject(new BourseError('PDF_FAILED', `${outFile}: ${chromium} did not print within ${timeoutMs} ms`));
      } else if (code !== 0) {
        const why = lastErrorLines(stderr);
        reject(
          new BourseError(
            'PDF_FAILED',
            `${outFile}: ${chromium} failed (${signal ?? `exit ${code}`})${why ? `: ${why}` : ''}`,
          ),
        );
      } else resolve();
    });
  });
}

/** The end of Chromium's error output, less the D-Bus complaints every container run prints. */
function lastErrorLines(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l.trim() !== '' && !/dbus|bus\.cc/i.test(l));
  return lines.slice(-4).join(' | ');
}
