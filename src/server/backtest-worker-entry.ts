/** Where the backtest worker starts from: compiled JavaScript, or the TypeScript source through tsx. */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * How to start the worker: the compiled `backtest-worker.js` next to this module (dist), or, when
 * running from source (tsx), `backtest-worker.ts` imported through tsx's `tsImport` by a small
 * bootstrap script (Node 20 runs no `--import` loaders in worker threads).
 */
export function workerEntry(): { script: URL | string; eval: boolean } {
  const js = new URL('./backtest-worker.js', import.meta.url);
  if (!import.meta.url.endsWith('.ts') && existsSync(js)) return { script: js, eval: false };
  const ts = new URL('./backtest-worker.ts', import.meta.url).href;
  const api = tsxImportApi();
  const script = `import(${JSON.stringify(api)}).then(({ tsImport }) => tsImport(${JSON.stringify(ts)}, ${JSON.stringify(ts)}));`;
  return { script, eval: true };
}

/** URL of tsx's ESM API (`tsx/esm/api`, its `import` export). */
function tsxImportApi(): string {
  if (typeof import.meta.resolve === 'function') return import.meta.resolve('tsx/esm/api');
  // Compiled to CommonJS (imported from a CommonJS module under tsx): read tsx's exports map.
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const exports = (JSON.parse(readFileSync(manifest, 'utf8')) as TsxManifest).exports;
  return pathToFileURL(join(dirname(manifest), exports['./esm/api'].import.default)).href;
}

interface TsxManifest {
  readonly exports: { readonly './esm/api': { readonly import: { readonly default: string } } };
}
