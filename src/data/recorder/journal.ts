import {
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../../core/errors.js';
import type { MarketData } from '../../model/data.js';
import { decodeRecord, encodeRecord } from './codec.js';

export interface RecorderOptions {
  /** Records held in memory before they are written and synced (bounded memory). Default 10,000. */
  readonly maxBuffered?: number;
}

export interface SegmentRecovery {
  readonly file: string;
  readonly records: number;
  /** Bytes of a torn last line (a write cut short by a crash), cut off the file. */
  readonly discardedBytes: number;
}

const SEGMENT = /^journal-(\d{6})\.ndjson$/;

/**
 * Records live data to an append-only journal of newline-delimited JSON segments in a directory,
 * with bounded memory: records are buffered up to `maxBuffered`, then written and fsynced in one
 * go (`flush`, also called when the buffer is full). What `flush` returned is on disk: a process
 * killed afterwards loses none of it. On open, the last segment is recovered first: a torn last
 * line (a write the crash cut short) is cut off, anything else malformed is a DataError naming the
 * file and line. Each recorder run appends to a new segment, so finished segments never change
 * and can be imported into the catalog.
 */
export class Recorder {
  readonly file: string;
  readonly recovered: SegmentRecovery | undefined;
  private readonly fd: number;
  private readonly maxBuffered: number;
  private buffer: string[] = [];
  private written = 0;
  private closed = false;

  constructor(
    readonly dir: string,
    options: RecorderOptions = {},
  ) {
    this.maxBuffered = options.maxBuffered ?? 10_000;
    if (!(Number.isInteger(this.maxBuffered) && this.maxBuffered > 0))
      throw new RangeError(`maxBuffered must be a positive integer, got ${options.maxBuffered}`);
    mkdirSync(dir, { recursive: true });
    const segments = journalSegments(dir);
    const last = segments.at(-1);
    this.recovered = last === undefined ? undefined : recoverSegment(last);
    const next = last === undefined ? 1 : Number(SEGMENT.exec(last.slice(last.lastIndexOf('/') + 1))![1]) + 1;
    this.file = join(dir, `journal-${String(next).padStart(6, '0')}.ndjson`);
    this.fd = openSync(this.file, 'a');
  }

  /** Records one data item (written at the next flush). */
  record(item: MarketData): void {
    if (this.closed) throw new RangeError('the recorder is closed');
    this.buffer.push(encodeRecord(item));
    if (this.buffer.length >= this.maxBuffered) this.flush();
  }

  /** Writes and fsyncs what is buffered; returns the number of records now durable in this segment. */
  flush(): number {
    if (this.buffer.length > 0) {
      writeSync(this.fd, `${this.buffer.join('\n')}\n`);
      fsyncSync(this.fd);
      this.written += this.buffer.length;
      this.buffer = [];
    }
    return this.written;
  }

  get buffered(): number {
    return this.buffer.length;
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    closeSync(this.fd);
    this.closed = true;
  }
}

/** The journal segment files of a directory, in order. */
export function journalSegments(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => SEGMENT.test(name))
    .sort()
    .map((name) => join(dir, name));
}

/**
 * Makes a segment whole again after a crash: a last line without its newline is cut off (the file
 * is truncated to the last complete record); a complete line that does not decode is corruption,
 * not a torn write, and throws a DataError naming the file and line.
 */
export function recoverSegment(file: string): SegmentRecovery {
  const text = readFileSync(file, 'utf8');
  const end = text.lastIndexOf('\n') + 1;
  const discarded = Buffer.byteLength(text.slice(end));
  if (discarded > 0) {
    const fd = openSync(file, 'r+');
    try {
      ftruncateSync(fd, Buffer.byteLength(text.slice(0, end)));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
  const records = end === 0 ? 0 : countValid(file, text.slice(0, end));
  return { file, records, discardedBytes: discarded };
}

/** Reads every record of a directory's journal (after recovering its last segment). */
export function readJournal(dir: string): MarketData[] {
  const segments = journalSegments(dir);
  const last = segments.at(-1);
  if (last !== undefined) recoverSegment(last);
  const out: MarketData[] = [];
  for (const file of segments) {
    const text = readFileSync(file, 'utf8');
    let line = 0;
    for (const row of text.split('\n')) {
      line++;
      if (row === '') continue;
      out.push(decodeAt(file, line, row));
    }
  }
  return out;
}

function countValid(file: string, text: string): number {
  let n = 0;
  let line = 0;
  for (const row of text.split('\n')) {
    line++;
    if (row === '') continue;
    decodeAt(file, line, row);
    n++;
  }
  return n;
}

function decodeAt(file: string, line: number, row: string): MarketData {
  try {
    return decodeRecord(row);
  } catch (error) {
    throw new DataError(`corrupt journal record: ${error instanceof Error ? error.message : String(error)}`, {
      file,
      line,
      value: row.length > 80 ? `${row.slice(0, 80)}…` : row,
    });
  }
}
