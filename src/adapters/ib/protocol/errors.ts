import { BourseError } from '../../../core/errors.js';

/** Where in the input a protocol error was found. */
export interface ProtocolErrorDetail {
  /** The offending bytes (at most 64 are kept), when the error is about framing. */
  readonly bytes?: Uint8Array;
  /** Zero-based index of the offending field inside its message. */
  readonly fieldIndex?: number;
  /** What the field means, e.g. `reqId`. */
  readonly fieldName?: string;
  /** The offending field text. */
  readonly value?: string;
}

const MAX_KEPT_BYTES = 64;

function hex(bytes: Uint8Array): string {
  const shown = Array.from(bytes.subarray(0, MAX_KEPT_BYTES), (b) => b.toString(16).padStart(2, '0'));
  return `${shown.join(' ')}${bytes.length > MAX_KEPT_BYTES ? ' …' : ''}`;
}

/** Malformed TWS API input: bad prefix, bad length, unterminated or unparseable field. */
export class ProtocolError extends BourseError {
  readonly bytes?: Uint8Array;
  readonly fieldIndex?: number;
  readonly fieldName?: string;
  readonly value?: string;

  constructor(message: string, detail: ProtocolErrorDetail = {}) {
    const parts: string[] = [];
    if (detail.fieldIndex !== undefined || detail.fieldName !== undefined) {
      parts.push(
        `field ${detail.fieldIndex ?? '?'}${detail.fieldName !== undefined ? ` '${detail.fieldName}'` : ''}`,
      );
    }
    if (detail.value !== undefined) parts.push(`value '${detail.value}'`);
    if (detail.bytes !== undefined) parts.push(`bytes [${hex(detail.bytes)}]`);
    super('IB_PROTOCOL', parts.length > 0 ? `${message} (${parts.join(', ')})` : message);
    if (detail.bytes !== undefined) this.bytes = detail.bytes.slice(0, MAX_KEPT_BYTES);
    this.fieldIndex = detail.fieldIndex;
    this.fieldName = detail.fieldName;
    this.value = detail.value;
  }
}
