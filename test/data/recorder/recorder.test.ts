/**
 * The recorder's journal: bounded memory, durable flushes, and recovery after a crash — a real
 * `kill -9` of a recording child process loses nothing it had flushed, and its torn last write is
 * cut off cleanly on restart.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { DataError } from '../../../src/core/errors.js';
import {
  decodeRecord,
  encodeRecord,
  journalSegments,
  Recorder,
  readJournal,
} from '../../../src/data/recorder/index.js';
import { BarType, bar } from '../../../src/model/data.js';
import { syntheticTrade } from '../../support/recorder-data.js';

const root = mkdtempSync(join(tmpdir(), 'bourse-recorder-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(root, String(n++));

describe('Recorder', () => {
  test('buffers up to maxBuffered, then writes; flush makes the rest durable; a restart opens a new segment', () => {
    const dir = freshDir();
    const recorder = new Recorder(dir, { maxBuffered: 100 });
    for (let i = 0; i < 250; i++) recorder.record(syntheticTrade(i));
    // 2 full buffers written (200), 50 held in memory.
    assert.equal(recorder.buffered, 50);
    assert.equal(readFileSync(recorder.file, 'utf8').split('\n').length - 1, 200);
    assert.equal(recorder.flush(), 250);
    recorder.close();
    const again = new Recorder(dir);
    again.record(syntheticTrade(250));
    again.close();
    assert.deepEqual(
      journalSegments(dir).map((f) => f.slice(f.lastIndexOf('/') + 1)),
      ['journal-000001.ndjson', 'journal-000002.ndjson'],
    );
    assert.deepEqual(
      readJournal(dir),
      Array.from({ length: 251 }, (_, i) => syntheticTrade(i)),
    );
  });

  test('kill -9 during recording loses nothing already flushed; the torn write is cut on restart', async () => {
    const dir = freshDir();
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/record-child.ts', dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let lastFlushed = 0;
    await new Promise<void>((resolve, reject) => {
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        for (const m of text.matchAll(/flushed (\d+)/g)) lastFlushed = Number(m[1]);
        if (text.includes('torn')) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        if (signal !== 'SIGKILL') reject(new Error(`child ended early: ${code} ${signal}`));
      });
    });
    await new Promise((resolve) => child.on('close', resolve));
    assert.equal(lastFlushed, 500);
    const restarted = new Recorder(dir);
    // The 30 buffered records died with the process; the half line is cut off.
    assert.equal(restarted.recovered?.records, 500);
    assert.equal(
      restarted.recovered?.discardedBytes,
      Buffer.byteLength('{"kind":"trade","instrumentId":"ESH4.CME","pri'),
    );
    restarted.close();
    assert.deepEqual(
      readJournal(dir),
      Array.from({ length: 500 }, (_, i) => syntheticTrade(i)),
    );
  });

  test('a complete line that does not decode is corruption: a DataError naming file and line', () => {
    const dir = freshDir();
    const recorder = new Recorder(dir);
    recorder.record(syntheticTrade(0));
    recorder.close();
    const file = journalSegments(dir)[0];
    appendFileSync(file, '{"kind":"trade","tsEvent":1}\n{not json}\n');
    assert.throws(
      () => readJournal(dir),
      (e: unknown) => {
        assert.ok(e instanceof DataError);
        assert.equal(e.file, file);
        assert.equal(e.line, 3);
        return true;
      },
    );
    writeFileSync(file, '{"kind":"candle","tsEvent":1}\n');
    assert.throws(() => new Recorder(dir), /unknown data kind 'candle'/);
  });

  test('bad options', () => {
    assert.throws(
      () => new Recorder(freshDir(), { maxBuffered: 0 }),
      /maxBuffered must be a positive integer/,
    );
  });
});

describe('journal codec', () => {
  test('bars keep their interned bar type; every record round-trips', () => {
    const barType = BarType.of('ESH4.CME', 1, 'minute');
    const b = bar(barType, 4800, 4801, 4799.75, 4800.5, 1200, Date.UTC(2024, 0, 2, 14, 31) * 1000);
    const back = decodeRecord(encodeRecord(b));
    assert.deepEqual(back, b);
    assert.equal(back.kind === 'bar' && back.barType, barType);
    fc.assert(
      fc.property(fc.nat({ max: 1_000_000 }), (i) => {
        assert.deepEqual(decodeRecord(encodeRecord(syntheticTrade(i))), syntheticTrade(i));
      }),
    );
  });
});
