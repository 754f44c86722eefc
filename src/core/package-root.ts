/**
 * The folder of Bourse's own package.json, found by walking up from this module's file: the same
 * answer from `src/` under tsx and from any `dist/` layout. Files shipped beside the code (the
 * bundled `data/`, the built dashboard in `web/dist`) are found from it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

export function packageRoot(): string {
  root ??= findPackageRoot();
  return root;
}

function findPackageRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (let dir = here; ; ) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && packageName(manifest) === 'bourse') return dir;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  // src/core/ (or dist/core/) sits two folders below the package.
  return join(here, '..', '..');
}

function packageName(manifest: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
    return typeof parsed === 'object' &&
      parsed !== null &&
      'name' in parsed &&
      typeof parsed.name === 'string'
      ? parsed.name
      : undefined;
  } catch {
    return undefined;
  }
}
