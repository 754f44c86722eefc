/**
 * Where a worker thread starts from: compiled JavaScript, or the TypeScript source through tsx. Used by
 * the server's backtest jobs and the optimiser's worker pool.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** What `new Worker(script, { eval })` takes. */
export interface WorkerEntry {
  readonly script: URL | string;
  readonly eval: boolean;
}

/**
 * How to start the worker module `moduleName` (no extension) that sits next to the module whose
 * `import.meta.url` is `callerUrl`: the compiled `<moduleName>.js` (dist), or, when running from
 * source (tsx), `<moduleName>.ts` imported through tsx's `tsImport` by a small bootstrap script
 * (Node 20 runs no `--import` loaders in worker threads).
 */
export function workerEntry(callerUrl: string, moduleName: string): WorkerEntry {
  const js = new URL(`./${moduleName}.js`, callerUrl);
  if (!callerUrl.endsWith('.ts') && existsSync(js)) return { script: js, eval: false };
  const ts = new URL(`./${moduleName}.ts`, callerUrl).href;
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
