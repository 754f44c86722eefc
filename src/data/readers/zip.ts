/**
 * A minimal zip reader (no native dependency, no npm package): the central directory is parsed by
 * hand and each entry is streamed through `node:zlib` `createInflateRaw` (method 8) or passed
 * through (method 0, stored), checking its size and CRC-32. Enough for vendor archives such as
 * QuantConnect LEAN's (`20131007_trade.zip` holding one CSV per contract). Zip64 entry sizes (the
 * extra field LEAN's writer puts on large entries) are read; not supported: archives needing the
 * zip64 end record (> 65,534 entries or > 4 GiB), encryption, multi-disk archives, compression
 * methods other than stored and deflate — each is a DataError.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';
import { DataError } from '../../core/errors.js';

export interface ZipEntry {
  /** Path of the entry inside the archive. */
  readonly name: string;
  /** 0 stored, 8 deflate. */
  readonly method: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly crc32: number;
  /** Offset of the entry's local header in the archive. */
  readonly localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const EOCD_MIN = 22;

function unreadable(file: string, why: string, field?: string): DataError {
  return new DataError(why, { file, field }, 'DATA_UNREADABLE');
}

/** The entries of a zip archive, in central-directory order (directories left out). */
export async function listZipEntries(path: string): Promise<ZipEntry[]> {
  const handle = await open(path, 'r').catch((error: unknown) => {
    throw unreadable(path, `cannot read file: ${error instanceof Error ? error.message : String(error)}`);
  });
  try {
    const { size } = await handle.stat();
    const tailLength = Math.min(size, EOCD_MIN + 0xffff);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    let at = -1;
    for (let i = tailLength - EOCD_MIN; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD && i + EOCD_MIN + tail.readUInt16LE(i + 20) === tailLength) {
        at = i;
        break;
      }
    }
    if (at < 0) throw unreadable(path, 'not a zip archive: no end-of-central-directory record');
    const disk = tail.readUInt16LE(at + 4);
    const count = tail.readUInt16LE(at + 10);
    const dirSize = tail.readUInt32LE(at + 12);
    const dirOffset = tail.readUInt32LE(at + 16);
    if (disk !== 0) throw unreadable(path, 'multi-disk zip archives are not supported');
    if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
      throw unreadable(path, 'zip64 archives are not supported');
    }
    if (dirOffset + dirSize > size)
      throw unreadable(path, 'truncated zip archive: central directory past the end');
    const dir = Buffer.alloc(dirSize);
    await handle.read(dir, 0, dirSize, dirOffset);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let n = 0; n < count; n++) {
      if (p + 46 > dirSize || dir.readUInt32LE(p) !== CENTRAL) {
        throw unreadable(path, `corrupt zip central directory at entry ${n + 1}`);
      }
      const flags = dir.readUInt16LE(p + 8);
      const nameLength = dir.readUInt16LE(p + 28);
      const extraLength = dir.readUInt16LE(p + 30);
      const commentLength = dir.readUInt16LE(p + 32);
      const name = dir.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLength);
      let uncompressedSize = dir.readUInt32LE(p + 24);
      let compressedSize = dir.readUInt32LE(p + 20);
      let localHeaderOffset = dir.readUInt32LE(p + 42);
      // Zip64 extra field (id 1): the 8-byte values of the fields set to 0xffffffff, in this order.
      const extraEnd = p + 46 + nameLength + extraLength;
      for (let x = p + 46 + nameLength; x + 4 <= extraEnd; ) {
        const id = dir.readUInt16LE(x);
        const length = dir.readUInt16LE(x + 2);
        if (id === 1) {
          let y = x + 4;
          const wide = (): number => {
            if (y + 8 > x + 4 + length) throw unreadable(path, 'corrupt zip64 extra field', name);
            const value = Number(dir.readBigUInt64LE(y));
            y += 8;
            return value;
          };
          if (uncompressedSize === 0xffffffff) uncompressedSize = wide();
          if (compressedSize === 0xffffffff) compressedSize = wide();
          if (localHeaderOffset === 0xffffffff) localHeaderOffset = wide();
        }
        x += 4 + length;
      }
      const entry: ZipEntry = {
        name,
        method: dir.readUInt16LE(p + 10),
        crc32: dir.readUInt32LE(p + 16),
        compressedSize,
        uncompressedSize,
        localHeaderOffset,
      };
      if (flags & 0x1) throw unreadable(path, 'encrypted zip entries are not supported', name);
      if (
        !Number.isSafeInteger(compressedSize + uncompressedSize) ||
        compressedSize === 0xffffffff ||
        uncompressedSize === 0xffffffff ||
        localHeaderOffset + compressedSize > size
      ) {
        throw unreadable(path, 'corrupt zip: entry sizes or offset out of range', name);
      }
      if (!name.endsWith('/')) entries.push(entry);
      p += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  } finally {
    await handle.close();
  }
}

/** Counts bytes and CRC-32 of what flows through; fails at the end on a mismatch. */
class Checked extends Transform {
  private length = 0;
  private crc = 0;
  constructor(
    private readonly file: string,
    private readonly entry: ZipEntry,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.length += chunk.length;
    this.crc = crc32(chunk, this.crc);
    done(null, chunk);
  }
  override _flush(done: TransformCallback): void {
    if (this.length !== this.entry.uncompressedSize) {
      done(
        unreadable(
          this.file,
          `zip entry has ${this.length} bytes, its header says ${this.entry.uncompressedSize}`,
          this.entry.name,
        ),
      );
    } else if (this.crc >>> 0 !== this.entry.crc32 >>> 0) {
      done(unreadable(this.file, 'zip entry fails its CRC-32 check', this.entry.name));
    } else done();
  }
}

/** Where an entry's compressed bytes start (after its local header). */
async function dataOffset(path: string, entry: ZipEntry): Promise<number> {
  const handle = await open(path, 'r');
  try {
    const header = Buffer.alloc(30);
    const { bytesRead } = await handle.read(header, 0, 30, entry.localHeaderOffset);
    if (bytesRead < 30 || header.readUInt32LE(0) !== LOCAL) {
      throw unreadable(path, 'corrupt zip: no local header where the central directory points', entry.name);
    }
    return entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  } finally {
    await handle.close();
  }
}

/** The lines of one zip entry (text, CR LF or LF), streamed and inflated on the fly. */
export async function* zipEntryLines(path: string, entry: ZipEntry): AsyncGenerator<string> {
  if (entry.method !== 0 && entry.method !== 8) {
    throw unreadable(
      path,
      `zip compression method ${entry.method} is not supported (only stored and deflate)`,
      entry.name,
    );
  }
  // An empty entry has no compressed bytes at all: read nothing.
  if (entry.compressedSize === 0) {
    if (entry.uncompressedSize !== 0) throw unreadable(path, 'zip entry has no data', entry.name);
    return;
  }
  const start = await dataOffset(path, entry);
  const raw = createReadStream(path, { start, end: start + entry.compressedSize - 1 });
  const checked = new Checked(path, entry);
  const inflated: Readable = entry.method === 8 ? raw.pipe(createInflateRaw()) : raw;
  if (inflated !== raw) raw.on('error', (error: Error) => inflated.destroy(error));
  inflated.on('error', (error: Error) => checked.destroy(error));
  const source = inflated.pipe(checked);
  const lines = createInterface({ input: source, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of lines) yield line;
  } catch (error) {
    if (error instanceof DataError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw unreadable(path, `cannot inflate zip entry: ${reason}`, entry.name);
  } finally {
    lines.close();
    raw.destroy();
    source.destroy();
  }
}
