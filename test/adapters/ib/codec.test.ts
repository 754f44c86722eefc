import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  API_PREFIX,
  decodeFields,
  encodeClientHello,
  encodeFields,
  encodeMessage,
  encodeServerHello,
  FieldReader,
  FieldWriter,
  FrameReader,
  frame,
  IncomingMessageId,
  incomingMessageName,
  MAX_FRAME_LENGTH,
  OutgoingMessageId,
  outgoingMessageName,
  ProtocolError,
  parseVersionMessage,
  UNSET_DOUBLE,
  UNSET_DOUBLE_TEXT,
  UNSET_INTEGER,
  UNSET_INTEGER_TEXT,
  UNSET_LONG,
  UNSET_LONG_TEXT,
} from '../../../src/adapters/ib/index.js';

/** Splits `bytes` at the given cut points (any order, duplicates allowed). */
function chunk(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let start = 0;
  for (const p of points) {
    out.push(bytes.subarray(start, p));
    start = p;
  }
  out.push(bytes.subarray(start));
  return out;
}

const fieldText = fc.string({ unit: 'grapheme', maxLength: 20 }).filter((s) => !s.includes('\0'));

describe('framing', () => {
  it('frames a message as uint32 BE length + NUL-terminated fields', () => {
    const bytes = encodeMessage(['49', '1']);
    assert.deepEqual([...bytes], [0, 0, 0, 5, 0x34, 0x39, 0, 0x31, 0]);
  });

  it('writes the client hello as API\\0 then a framed version text without NUL', () => {
    const bytes = encodeClientHello(100, 193);
    assert.deepEqual([...bytes.subarray(0, 4)], [...API_PREFIX]);
    assert.equal(bytes.readUInt32BE(4), 9);
    assert.equal(bytes.subarray(8).toString(), 'v100..193');
  });

  it('writes the server hello as two fields', () => {
    const r = new FrameReader();
    const [payload] = r.push(encodeServerHello(176, '20250815 09:30:00 US/Central'));
    assert.deepEqual(decodeFields(payload), ['176', '20250815 09:30:00 US/Central']);
  });

  it('parses version messages with and without options', () => {
    assert.deepEqual(parseVersionMessage(Buffer.from('v100..193')), {
      minVersion: 100,
      maxVersion: 193,
      options: '',
    });
    assert.deepEqual(parseVersionMessage(Buffer.from('v157..178 +PACEAPI')), {
      minVersion: 157,
      maxVersion: 178,
      options: '+PACEAPI',
    });
    assert.equal(parseVersionMessage(Buffer.from('v176')).maxVersion, 176);
    assert.throws(() => parseVersionMessage(Buffer.from('hello')), ProtocolError);
    assert.throws(() => parseVersionMessage(Buffer.from('v200..100')), /range is empty/);
  });

  it('reads the server side of a connection: prefix, version frame, then messages', () => {
    const r = new FrameReader({ expectApiPrefix: true });
    const bytes = Buffer.concat([encodeClientHello(100, 193), encodeMessage(['71', '2', '0', ''])]);
    const payloads = bytes.reduce<Buffer[]>((acc, _b, i) => {
      acc.push(...r.push(bytes.subarray(i, i + 1)));
      return acc;
    }, []);
    assert.equal(payloads.length, 2);
    assert.equal(payloads[0].toString(), 'v100..193');
    assert.deepEqual(decodeFields(payloads[1]), ['71', '2', '0', '']);
    assert.equal(r.pendingBytes, 0);
  });

  it('refuses a connection that does not start with API\\0, naming the bytes', () => {
    const r = new FrameReader({ expectApiPrefix: true });
    assert.throws(
      () => r.push(Buffer.from('GET / HTTP/1.1\r\n')),
      (e: unknown) => e instanceof ProtocolError && /API/.test(e.message) && /47 45 54/.test(e.message),
    );
    assert.throws(() => r.push(Buffer.from('x')), ProtocolError, 'a failed reader stays failed');
  });

  it('refuses a frame longer than 0xFFFFFF bytes', () => {
    const r = new FrameReader();
    const header = Buffer.alloc(4);
    header.writeUInt32BE(MAX_FRAME_LENGTH + 1);
    assert.throws(() => r.push(header), /exceeds the maximum of 16777215/);
    assert.throws(() => frame(new Uint8Array(MAX_FRAME_LENGTH + 1)), ProtocolError);
    const ok = new FrameReader();
    header.writeUInt32BE(MAX_FRAME_LENGTH);
    assert.deepEqual(ok.push(header), [], 'the maximum itself is accepted (waits for the payload)');
  });

  it('refuses payloads without a trailing NUL, empty payloads and invalid UTF-8', () => {
    assert.throws(() => decodeFields(Buffer.from('49\x001')), /does not end with a NUL/);
    assert.throws(() => decodeFields(Buffer.alloc(0)), /empty/);
    assert.throws(() => decodeFields(Buffer.from([0xff, 0xfe, 0])), /not valid UTF-8/);
    assert.throws(() => encodeFields(['a\0b']), /must not contain NUL/);
  });

  it('property: any fields → frames → random chunking → the same fields', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fieldText, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (messages, cuts) => {
          const bytes = Buffer.concat(messages.map((m) => encodeMessage(m)));
          const reader = new FrameReader();
          const decoded: string[][] = [];
          for (const piece of chunk(bytes, cuts))
            for (const payload of reader.push(piece)) decoded.push(decodeFields(payload));
          assert.deepEqual(decoded, messages);
          assert.equal(reader.pendingBytes, 0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: the handshake survives any chunking on the server side', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 0, max: 300 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (min, span, cuts) => {
          const bytes = Buffer.concat([encodeClientHello(min, min + span), encodeMessage(['49', '1'])]);
          const reader = new FrameReader({ expectApiPrefix: true });
          const payloads = chunk(bytes, cuts).flatMap((piece) => reader.push(piece));
          assert.deepEqual(parseVersionMessage(payloads[0]), {
            minVersion: min,
            maxVersion: min + span,
            options: '',
          });
          assert.deepEqual(decodeFields(payloads[1]), ['49', '1']);
        },
      ),
    );
  });
});

describe('fields', () => {
  it('writes ints, doubles, booleans, decimals and the unset sentinels', () => {
    const fields = new FieldWriter()
      .int(42)
      .intOrUnset(undefined)
      .longOrUnset(undefined)
      .long(9_007_199_254_740_993n)
      .double(0.25)
      .doubleOrUnset(undefined)
      .double(Number.POSITIVE_INFINITY)
      .bool(true)
      .bool(false)
      .decimal('1.5')
      .decimal(undefined)
      .str(undefined)
      .toFields();
    assert.deepEqual(fields, [
      '42',
      '2147483647',
      '9223372036854775807',
      '9007199254740993',
      '0.25',
      '1.7976931348623157E308',
      'Infinite',
      '1',
      '0',
      '1.5',
      '',
      '',
    ]);
    assert.throws(() => new FieldWriter().int(1.5), /not an integer/);
    assert.throws(() => new FieldWriter().double(Number.NaN), /NaN/);
  });

  it('reads fields back, naming the field and value on error', () => {
    const r = new FieldReader(['9', 'abc'], 'reqContractDetails');
    assert.equal(r.int('messageId'), 9);
    assert.throws(
      () => r.int('reqId'),
      (e: unknown) =>
        e instanceof ProtocolError &&
        e.fieldIndex === 1 &&
        e.fieldName === 'reqId' &&
        e.value === 'abc' &&
        /reqContractDetails: not an integer/.test(e.message),
    );
    assert.throws(() => new FieldReader([]).str('symbol'), /missing field/);
    assert.throws(() => new FieldReader(['2']).bool('flag'), /not a boolean/);
    assert.throws(() => new FieldReader(['1.2.3']).double('price'), /not a number/);
    assert.equal(new FieldReader(['']).int(), 0, 'empty int reads as 0, as the official decoder');
    assert.equal(new FieldReader([]).optionalStr(), '');
  });

  it('property: sentinels and values round trip', () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 2 }), { nil: undefined }),
        fc.option(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 2n }), { nil: undefined }),
        fc.option(
          // Number.MAX_VALUE *is* the unset sentinel, so it cannot round trip as a value.
          fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => d !== UNSET_DOUBLE),
          { nil: undefined },
        ),
        fc.boolean(),
        fc.option(
          fc.integer({ min: 0, max: 10_000_000 }).map((n) => (n / 100).toString()),
          { nil: undefined },
        ),
        (int, long, double, bool, decimal) => {
          const fields = new FieldWriter()
            .intOrUnset(int)
            .longOrUnset(long)
            .doubleOrUnset(double)
            .bool(bool)
            .decimal(decimal)
            .toFields();
          const [payload] = new FrameReader().push(encodeMessage(fields));
          const r = new FieldReader(decodeFields(payload));
          assert.equal(r.intOrUnset(), int);
          assert.equal(r.longOrUnset(), long);
          const readDouble = r.doubleOrUnset();
          assert.ok(Object.is(readDouble, double) || (readDouble === 0 && double === 0));
          assert.equal(r.bool(), bool);
          assert.equal(r.decimal(), decimal);
          assert.equal(r.remaining, 0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads the literal sentinels as unset', () => {
    const r = new FieldReader([UNSET_INTEGER_TEXT, UNSET_LONG_TEXT, UNSET_DOUBLE_TEXT, UNSET_DOUBLE_TEXT]);
    assert.equal(r.intOrUnset(), undefined);
    assert.equal(r.longOrUnset(), undefined);
    assert.equal(r.doubleOrUnset(), undefined);
    assert.equal(r.decimal(), undefined);
    assert.equal(UNSET_INTEGER, 2_147_483_647);
    assert.equal(UNSET_LONG, 9_223_372_036_854_775_807n);
    assert.equal(Number(UNSET_DOUBLE_TEXT), UNSET_DOUBLE);
  });
});

describe('message ids', () => {
  it('names the requests and replies of the notes', () => {
    assert.equal(IncomingMessageId.START_API, 71);
    assert.equal(IncomingMessageId.REQ_CURRENT_TIME, 49);
    assert.equal(IncomingMessageId.REQ_CONTRACT_DETAILS, 9);
    assert.equal(IncomingMessageId.PLACE_ORDER, 3);
    assert.equal(OutgoingMessageId.CONTRACT_DATA_END, 52);
    assert.equal(OutgoingMessageId.HISTORICAL_DATA_END, 108);
    assert.equal(incomingMessageName(8), 'REQ_IDS');
    assert.equal(outgoingMessageName(15), 'MANAGED_ACCTS');
    assert.equal(incomingMessageName(4242), undefined);
  });
});
