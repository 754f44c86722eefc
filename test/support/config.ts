/**
 * Shared setup for the configuration tests: an env-free loader, the repository root, YAML files in a
 * temporary folder (removed after the file's tests) and a ConfigError assertion.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { LoadConfigOptions } from '../../src/core/config.js';
import { type BourseConfig, loadBourseConfig as loadFromProcess } from '../../src/core/config-schema.js';
import { ConfigError } from '../../src/core/errors.js';

/** Tests never read the real process environment. */
export function loadBourseConfig(opts: LoadConfigOptions = {}): BourseConfig {
  return loadFromProcess({ env: {}, ...opts });
}

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

const tempDir = mkdtempSync(join(tmpdir(), 'bourse-config-test-'));
after(() => rmSync(tempDir, { recursive: true, force: true }));
/** A temporary folder for this test file, removed after its tests. */
export function testTempDir(): string {
  return tempDir;
}

let fileCounter = 0;
/** Writes `text` to a new YAML file in the temporary folder and returns its path. */
export function writeYaml(text: string): string {
  fileCounter += 1;
  const file = join(testTempDir(), `config-${fileCounter}.yaml`);
  writeFileSync(file, text);
  return file;
}

/** Asserts that `fn` throws a ConfigError with `path` whose message matches every pattern. */
export function assertConfigError(
  fn: () => unknown,
  path: string,
  ...patterns: (RegExp | string)[]
): ConfigError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof ConfigError, `expected a ConfigError, got ${String(caught)}`);
  assert.equal(caught.code, 'CONFIG_INVALID');
  assert.equal(caught.path, path, `path of: ${caught.message}`);
  for (const pattern of patterns) {
    if (typeof pattern === 'string')
      assert.ok(caught.message.includes(pattern), `'${pattern}' not in: ${caught.message}`);
    else assert.match(caught.message, pattern);
  }
  return caught;
}
