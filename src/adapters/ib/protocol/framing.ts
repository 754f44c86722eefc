import { ProtocolError } from './errors.js';

/** The unframed bytes a client sends first: `API\0`. */
export const API_PREFIX: Uint8Array = Uint8Array.from([0x41, 0x50, 0x49, 0x00]);
/** Largest frame payload either side accepts (EReader's MAX_MSG_LENGTH). */
export const MAX_FRAME_LENGTH = 0xff_ffff;

const NUL = 0;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** `uint32 BE length` + payload. */
export function frame(payload: Uint8Array): Buffer {
  if (payload.length > MAX_FRAME_LENGTH)
    throw new ProtocolError(`frame payload of ${payload.length} bytes exceeds ${MAX_FRAME_LENGTH}`);
  const out = Buffer.allocUnsafe(4 + payload.length);
  out.writeUInt32BE(payload.length, 0);
  out.set(payload, 4);
  return out;
}

/** Payload of a message: every field followed by NUL. */
export function encodeFields(fields: readonly string[]): Buffer {
  const parts: Buffer[] = [];
  fields.forEach((field, index) => {
    if (field.includes('\0'))
      throw new ProtocolError('a field must not contain NUL', { fieldIndex: index, value: field });
    parts.push(Buffer.from(encoder.encode(field)), Buffer.of(NUL));
  });
  return Buffer.concat(parts);
}

/** A whole framed message, ready for the socket. */
export function encodeMessage(fields: readonly string[]): Buffer {
  return frame(encodeFields(fields));
}

/** Splits a payload into its NUL-terminated fields; a payload not ending in NUL is refused. */
export function decodeFields(payload: Uint8Array): string[] {
  if (payload.length === 0) throw new ProtocolError('empty message payload');
  if (payload[payload.length - 1] !== NUL)
    throw new ProtocolError('message payload does not end with a NUL field terminator', {
      bytes: payload.subarray(Math.max(0, payload.length - 32)),
    });
  const fields: string[] = [];
  let start = 0;
  for (let i = 0; i < payload.length; i++) {
    if (payload[i] !== NUL) continue;
    const bytes = payload.subarray(start, i);
    try {
      fields.push(decoder.decode(bytes));
    } catch {
      throw new ProtocolError('field is not valid UTF-8', { fieldIndex: fields.length, bytes });
    }
    start = i + 1;
  }
  return fields;
}

/** What a client asks for in its version message: `v<min>..<max>[ options]`. */
export interface VersionRange {
  readonly minVersion: number;
  readonly maxVersion: number;
  /** Connect options after the space, e.g. `+PACEAPI`; empty when none. */
  readonly options: string;
}

const VERSION_RE = /^v(\d{1,4})(?:\.\.(\d{1,4}))?(?: (.*))?$/s;

/** Parses the payload of the first framed client message. */
export function parseVersionMessage(payload: Uint8Array): VersionRange {
  let text: string;
  try {
    text = decoder.decode(payload);
  } catch {
    throw new ProtocolError('version message is not valid UTF-8', { bytes: payload });
  }
  // Some clients NUL-terminate the version text; accept one trailing NUL.
  if (text.endsWith('\0')) text = text.slice(0, -1);
  const m = VERSION_RE.exec(text);
  if (!m)
    throw new ProtocolError(`version message must look like 'v100..176', got '${text}'`, { value: text });
  const minVersion = Number(m[1]);
  const maxVersion = m[2] === undefined ? minVersion : Number(m[2]);
  if (minVersion > maxVersion)
    throw new ProtocolError(`version range is empty: ${minVersion} > ${maxVersion}`, { value: text });
  return { minVersion, maxVersion, options: m[3] ?? '' };
}

/** What a client sends to open a connection: `API\0` + framed `v<min>..<max>[ options]`. */
export function encodeClientHello(minVersion: number, maxVersion: number, options = ''): Buffer {
  const text = `v${minVersion}..${maxVersion}${options ? ` ${options}` : ''}`;
  return Buffer.concat([API_PREFIX, frame(encoder.encode(text))]);
}

/** The server's reply to the version message: `serverVersion\0connectionTime\0`, framed. */
export function encodeServerHello(serverVersion: number, connectionTime: string): Buffer {
  return encodeMessage([String(serverVersion), connectionTime]);
}

export interface FrameReaderOptions {
  /** Expect the unframed `API\0` prefix before the first frame (the server side of a connection). */
  readonly expectApiPrefix?: boolean;
  /** Refuse frames longer than this many bytes (default and maximum 0xFFFFFF). */
  readonly maxFrameLength?: number;
}

/**
 * Incremental frame reader: feed it TCP chunks in any split (partial frames, several frames per
 * chunk) and it returns the complete frame payloads, in order. After a ProtocolError the stream is
 * out of sync and the reader refuses further input.
 */
export class FrameReader {
  private buffer: Buffer = Buffer.alloc(0);
  private prefixPending: boolean;
  private readonly maxFrameLength: number;
  private failed: ProtocolError | undefined;

  constructor(options: FrameReaderOptions = {}) {
    this.prefixPending = options.expectApiPrefix ?? false;
    this.maxFrameLength = Math.min(options.maxFrameLength ?? MAX_FRAME_LENGTH, MAX_FRAME_LENGTH);
  }

  /** Bytes received but not yet part of a complete frame. */
  get pendingBytes(): number {
    return this.buffer.length;
  }

  push(chunk: Uint8Array): Buffer[] {
    if (this.failed) throw this.failed;
    this.buffer = this.buffer.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buffer, chunk]);
    try {
      return this.drain();
    } catch (error) {
      if (error instanceof ProtocolError) this.failed = error;
      throw error;
    }
  }

  private drain(): Buffer[] {
    const out: Buffer[] = [];
    if (this.prefixPending) {
      const seen = Math.min(this.buffer.length, API_PREFIX.length);
      for (let i = 0; i < seen; i++) {
        if (this.buffer[i] !== API_PREFIX[i])
          throw new ProtocolError("connection must start with the bytes 'API\\0'", {
            bytes: this.buffer.subarray(0, 16),
          });
      }
      if (this.buffer.length < API_PREFIX.length) return out;
      this.buffer = this.buffer.subarray(API_PREFIX.length);
      this.prefixPending = false;
    }
    let offset = 0;
    while (this.buffer.length - offset >= 4) {
      const length = this.buffer.readUInt32BE(offset);
      if (length > this.maxFrameLength)
        throw new ProtocolError(`frame length ${length} exceeds the maximum of ${this.maxFrameLength}`, {
          bytes: this.buffer.subarray(offset, offset + 16),
        });
      if (this.buffer.length - offset - 4 < length) break;
      out.push(Buffer.from(this.buffer.subarray(offset + 4, offset + 4 + length)));
      offset += 4 + length;
    }
    this.buffer = offset === 0 ? this.buffer : Buffer.from(this.buffer.subarray(offset));
    return out;
  }
}
