/** Shared helpers of the vendor-reader tests: temp files, stream collection, DataError checks. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { DataError } from '../../src/core/errors.js';

/** A temp folder removed after the test file; `write(name, lines)` puts a file in it. */
export function tempFiles(prefix: string): { dir: string; write(name: string, lines: string[]): string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    write(name, lines) {
      const path = join(dir, name);
      writeFileSync(path, `${lines.join('\n')}\n`);
      return path;
    },
  };
}

export async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of stream) out.push(item);
  return out;
}

/** Runs `run` and checks it rejects with a DataError naming this file, line and field. */
export async function rejectsAt(
  run: () => Promise<unknown>,
  where: { file: string; line: number; field: string; value?: string },
  reason: RegExp,
): Promise<void> {
  await assert.rejects(run, (error: unknown) => {
    assert.ok(error instanceof DataError, String(error));
    assert.equal(error.file, where.file);
    assert.equal(error.line, where.line);
    assert.equal(error.field, where.field);
    if (where.value !== undefined) assert.equal(error.value, where.value);
    assert.ok(error.message.startsWith(`${where.file}:${where.line}, field '${where.field}'`), error.message);
    assert.match(error.message, reason);
    return true;
  });
}
