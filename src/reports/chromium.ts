/** Finding a Chromium (or Chrome) executable to print PDFs with. */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { BourseError } from '../core/errors.js';

/**
 * How Bourse starts Chromium headless (PDF printing, the browser tests): no sandbox (root in
 * containers), no GPU, and nothing fetched in the background.
 */
export const HEADLESS_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
] as const;

/** Looked up on PATH, in this order, when neither an explicit path nor BOURSE_CHROMIUM is given. */
export const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome'] as const;

const HOW_TO_INSTALL =
  'install one (Debian/Ubuntu: apt-get install chromium) or set BOURSE_CHROMIUM to the path of a Chromium or Chrome executable';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The browser to print with: `explicit` (an option), else `env.BOURSE_CHROMIUM`, else the first of
 * `CHROMIUM_NAMES` on `env.PATH`. A path given but not executable, or no browser at all, is a
 * `CHROMIUM_MISSING` error saying how to get one.
 */
export function findChromium(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  const given = explicit ?? (env.BOURSE_CHROMIUM || undefined);
  if (given !== undefined) {
    const source = explicit !== undefined ? 'chromium option' : 'BOURSE_CHROMIUM';
    const path = isAbsolute(given) ? given : searchPath(given, env.PATH);
    if (path !== undefined && isExecutable(path)) return path;
    throw new BourseError('CHROMIUM_MISSING', `${source}: no executable '${given}'; ${HOW_TO_INSTALL}`);
  }
  for (const name of CHROMIUM_NAMES) {
    const path = searchPath(name, env.PATH);
    if (path !== undefined) return path;
  }
  throw new BourseError(
    'CHROMIUM_MISSING',
    `printing a PDF needs Chromium, and none of ${CHROMIUM_NAMES.join(', ')} is on PATH; ${HOW_TO_INSTALL}`,
  );
}

/** The first executable `name` in the folders of `pathVariable`. */
function searchPath(name: string, pathVariable: string | undefined): string | undefined {
  if (name.includes('/')) return name;
  for (const dir of (pathVariable ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}
