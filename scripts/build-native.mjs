// npm's `install` step: builds the catalog's native batch reader (native/catalog_reader.c) with
// node-gyp. It needs a C compiler and Node's headers; where the build fails (no compiler, a
// platform whose DuckDB package ships no linkable library), Bourse still works: catalog reads take
// the JavaScript path, about a third slower (docs/data.md). The failure is reported, not fatal.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

const target = 'build/Release/catalog_reader.node';
// npm sets npm_config_node_gyp to its own node-gyp; run by hand, npm's copy beside this Node.
const bundled = join(
  dirname(process.execPath),
  '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
);
const gyp = process.env.npm_config_node_gyp ?? (existsSync(bundled) ? bundled : undefined);
// Node's own headers when it has them (official and distribution builds do), never a download.
const prefix = join(dirname(process.execPath), '..');
const headers = !process.env.npm_config_nodedir && existsSync(join(prefix, 'include/node/node_api.h'));
const command = gyp ? process.execPath : 'node-gyp';
const args = [...(gyp ? [gyp] : []), 'rebuild', ...(headers ? [`--nodedir=${prefix}`] : [])];
const run = spawnSync(command, args, { stdio: 'inherit' });
if (run.status === 0 && existsSync(target)) {
  console.log(`bourse: built the native catalog reader (${target})`);
} else {
  rmSync(target, { force: true });
  console.warn(
    `bourse: the native catalog reader did not build (${run.error?.message ?? `node-gyp exit ${run.status}`}); ` +
      'catalog reads use the JavaScript path',
  );
}
