import { ProtocolError } from './errors.js';

/** The "unset" sentinels of the TWS API (Java's Integer.MAX_VALUE, Long.MAX_VALUE, Double.MAX_VALUE). */
export const UNSET_INTEGER = 2_147_483_647;
export const UNSET_LONG = 9_223_372_036_854_775_807n;
export const UNSET_DOUBLE = Number.MAX_VALUE;
/** How Java prints the sentinels on the wire. */
export const UNSET_INTEGER_TEXT = '2147483647';
export const UNSET_LONG_TEXT = '9223372036854775807';
export const UNSET_DOUBLE_TEXT = '1.7976931348623157E308';
/** How the API spells an infinite double / Decimal. */
export const INFINITY_TEXT = 'Infinite';

/** A field value a writer accepts; `undefined` writes the empty string. */
export type FieldValue = string | number | bigint | boolean | undefined;

function assertNoNul(text: string, index: number): string {
  if (text.includes('\0'))
    throw new ProtocolError('a field must not contain NUL', { fieldIndex: index, value: text });
  return text;
}

/** Decimal text of a double as the API writes it: sentinel, `Infinite`, or JS shortest form. */
export function formatDouble(value: number): string {
  if (Number.isNaN(value)) throw new ProtocolError('NaN cannot be sent as a double');
  if (value === UNSET_DOUBLE) return UNSET_DOUBLE_TEXT;
  if (value === Number.POSITIVE_INFINITY) return INFINITY_TEXT;
  if (value === Number.NEGATIVE_INFINITY) return `-${INFINITY_TEXT}`;
  return String(value);
}

/** Builds one message: a list of fields, each written as text. */
export class FieldWriter {
  private readonly fields: string[] = [];

  /** Raw text; `undefined` is the empty string. */
  str(value: string | undefined): this {
    this.fields.push(assertNoNul(value ?? '', this.fields.length));
    return this;
  }

  int(value: number | undefined): this {
    if (value === undefined) return this.str('');
    if (!Number.isSafeInteger(value))
      throw new ProtocolError('not an integer', { fieldIndex: this.fields.length, value: String(value) });
    return this.str(String(value));
  }

  /** An int where `undefined` is the unset sentinel 2147483647. */
  intOrUnset(value: number | undefined): this {
    return value === undefined ? this.str(UNSET_INTEGER_TEXT) : this.int(value);
  }

  long(value: bigint | number | undefined): this {
    if (value === undefined) return this.str('');
    if (typeof value === 'number') return this.int(value);
    return this.str(value.toString());
  }

  longOrUnset(value: bigint | number | undefined): this {
    return value === undefined ? this.str(UNSET_LONG_TEXT) : this.long(value);
  }

  double(value: number | undefined): this {
    return this.str(value === undefined ? '' : formatDouble(value));
  }

  /** A double where `undefined` is the unset sentinel 1.7976931348623157E308. */
  doubleOrUnset(value: number | undefined): this {
    return this.str(value === undefined ? UNSET_DOUBLE_TEXT : formatDouble(value));
  }

  bool(value: boolean | undefined): this {
    return this.str(value === undefined ? '' : value ? '1' : '0');
  }

  /** A Decimal (sizes): kept as text so no precision is lost; numbers are printed shortest-form. */
  decimal(value: string | number | undefined): this {
    if (typeof value === 'number') return this.str(formatDouble(value));
    return this.str(value);
  }

  /** Any value by its JS type (booleans as 0/1, numbers as doubles). */
  value(value: FieldValue): this {
    if (typeof value === 'boolean') return this.bool(value);
    if (typeof value === 'number') return this.double(value);
    if (typeof value === 'bigint') return this.long(value);
    return this.str(value);
  }

  values(values: readonly FieldValue[]): this {
    for (const v of values) this.value(v);
    return this;
  }

  toFields(): string[] {
    return [...this.fields];
  }
}

const INT_RE = /^[-+]?\d+$/;
const DOUBLE_RE = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** Reads the fields of one decoded message in order, naming the field in every error. */
export class FieldReader {
  private index = 0;

  constructor(
    private readonly fields: readonly string[],
    /** What message is being read, for error messages, e.g. `reqContractDetails`. */
    private readonly messageName = 'message',
  ) {}

  get position(): number {
    return this.index;
  }

  get remaining(): number {
    return this.fields.length - this.index;
  }

  private fail(what: string, name: string, value: string | undefined): never {
    throw new ProtocolError(`${this.messageName}: ${what}`, {
      fieldIndex: this.index - 1,
      fieldName: name,
      value,
    });
  }

  str(name = 'field'): string {
    if (this.index >= this.fields.length) {
      this.index++;
      this.fail(`missing field (message has ${this.fields.length})`, name, undefined);
    }
    return this.fields[this.index++];
  }

  /** An optional trailing field: its text, or `''` when the message ended. */
  optionalStr(name = 'field'): string {
    return this.index < this.fields.length ? this.str(name) : '';
  }

  /** An int; the empty string reads as 0 (as the official decoder does). */
  int(name = 'int'): number {
    const text = this.str(name);
    if (text === '') return 0;
    if (!INT_RE.test(text)) this.fail('not an integer', name, text);
    const value = Number(text);
    if (!Number.isSafeInteger(value)) this.fail('integer out of range', name, text);
    return value;
  }

  /** An int where empty or 2147483647 mean unset. */
  intOrUnset(name = 'int'): number | undefined {
    const text = this.str(name);
    if (text === '' || text === UNSET_INTEGER_TEXT) return undefined;
    this.index--;
    return this.int(name);
  }

  long(name = 'long'): bigint {
    const text = this.str(name);
    if (text === '') return 0n;
    if (!INT_RE.test(text)) this.fail('not an integer', name, text);
    return BigInt(text);
  }

  longOrUnset(name = 'long'): bigint | undefined {
    const text = this.str(name);
    if (text === '' || text === UNSET_LONG_TEXT) return undefined;
    this.index--;
    return this.long(name);
  }

  /** A double; empty reads as 0, `Infinite` as Infinity. */
  double(name = 'double'): number {
    const text = this.str(name);
    if (text === '') return 0;
    if (text === INFINITY_TEXT) return Number.POSITIVE_INFINITY;
    if (text === `-${INFINITY_TEXT}`) return Number.NEGATIVE_INFINITY;
    if (!DOUBLE_RE.test(text)) this.fail('not a number', name, text);
    return Number(text);
  }

  /** A double where empty or 1.7976931348623157E308 mean unset. */
  doubleOrUnset(name = 'double'): number | undefined {
    const text = this.str(name);
    if (text === '') return undefined;
    this.index--;
    const value = this.double(name);
    return value === UNSET_DOUBLE ? undefined : value;
  }

  /** `1`/`0` (also `true`/`false`); empty is false. */
  bool(name = 'bool'): boolean {
    const text = this.str(name);
    if (text === '' || text === '0' || text === 'false') return false;
    if (text === '1' || text === 'true') return true;
    return this.fail('not a boolean (0/1)', name, text);
  }

  /** A Decimal as text (validated), or undefined when empty or a sentinel. */
  decimal(name = 'decimal'): string | undefined {
    const text = this.str(name);
    if (text === '' || text === UNSET_DOUBLE_TEXT || text === UNSET_LONG_TEXT) return undefined;
    if (text === INFINITY_TEXT) return text;
    if (!DOUBLE_RE.test(text.replaceAll(',', ''))) this.fail('not a decimal', name, text);
    return text;
  }

  skip(count: number): this {
    for (let i = 0; i < count; i++) this.str('skipped');
    return this;
  }
}
