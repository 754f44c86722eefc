import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, test } from 'node:test';
import { ConfigError } from '../../src/core/errors.js';
import { createLogger, formatPrettyLine, isoFromMicros, type LogClock } from '../../src/core/logging.js';

/** A stream that keeps what is written, split into lines. */
function capture(): { stream: Writable; lines: () => string[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((line) => line !== ''),
  };
}

function parseLine(line: string): Record<string, unknown> {
  const value: unknown = JSON.parse(line);
  assert.ok(value !== null && typeof value === 'object' && !Array.isArray(value), line);
  return value as Record<string, unknown>;
}

/** 2024-03-01T14:30:00Z in microseconds, plus one microsecond. */
const SIM_START = 1_709_303_400_000_001;

function simClock(start: number): LogClock & { advance(micros: number): void } {
  let now = start;
  return {
    now: () => now,
    advance(micros: number) {
      now += micros;
    },
  };
}

describe('createLogger', () => {
  test('writes JSON lines with the simulated clock time, level name and logger name', () => {
    const out = capture();
    const clock = simClock(SIM_START);
    const logger = createLogger({ clock, destination: out.stream, name: 'backtest' });
    logger.info({ orderId: 'O-1', quantity: 5 }, 'order submitted');
    clock.advance(60_000_000);
    logger.warn('one minute later');
    const [first, second] = out.lines().map(parseLine);
    assert.deepEqual(first, {
      level: 'info',
      time: '2024-03-01T14:30:00.000001Z',
      name: 'backtest',
      orderId: 'O-1',
      quantity: 5,
      msg: 'order submitted',
    });
    assert.equal(second.time, '2024-03-01T14:31:00.000001Z');
    assert.equal(second.level, 'warn');
    assert.equal(out.lines().length, 2);
  });

  test('redacts secrets at the top level and in nested objects', () => {
    const out = capture();
    const logger = createLogger({ clock: simClock(SIM_START), destination: out.stream });
    logger.info(
      {
        password: 'hunter2',
        broker: { apiKey: 'AK', secret: 'S', token: 'T', account: 'A1' },
        store: { connection: { password: 'deep' } },
      },
      'connected',
    );
    const line = out.lines()[0];
    for (const secret of ['hunter2', '"AK"', '"S"', '"T"', 'deep']) assert.ok(!line.includes(secret), line);
    const record = parseLine(line);
    assert.equal(record.password, '***');
    assert.deepEqual(record.broker, { apiKey: '***', secret: '***', token: '***', account: 'A1' });
    assert.deepEqual(record.store, { connection: { password: '***' } });
  });

  test('child loggers keep the clock, name and redaction', () => {
    const out = capture();
    const logger = createLogger({ clock: simClock(SIM_START), destination: out.stream, name: 'bourse' });
    logger.child({ strategy: 'sma-cross' }).info({ token: 'x' }, 'signal');
    const record = parseLine(out.lines()[0]);
    assert.equal(record.time, '2024-03-01T14:30:00.000001Z');
    assert.equal(record.strategy, 'sma-cross');
    assert.equal(record.name, 'bourse');
    assert.equal(record.token, '***');
  });

  test('respects the level and rejects unknown levels', () => {
    const out = capture();
    const logger = createLogger({ level: 'warn', destination: out.stream });
    logger.info('hidden');
    logger.debug('hidden');
    logger.error('shown');
    assert.deepEqual(
      out.lines().map((line) => parseLine(line).msg),
      ['shown'],
    );
    const silent = capture();
    createLogger({ level: 'silent', destination: silent.stream }).fatal('nothing');
    assert.deepEqual(silent.lines(), []);
    assert.throws(
      () => createLogger({ level: 'verbose' }),
      (error: unknown) =>
        error instanceof ConfigError && error.path === 'log.level' && /verbose/.test(error.message),
    );
  });

  test('without a clock, time is the wall clock as ISO 8601; no pid or hostname', () => {
    const out = capture();
    const before = Date.now();
    createLogger({ destination: out.stream }).info('hello');
    const record = parseLine(out.lines()[0]);
    assert.equal(typeof record.time, 'string');
    const time = Date.parse(String(record.time));
    assert.ok(time >= before && time <= Date.now() + 1, String(record.time));
    assert.equal(record.pid, undefined);
    assert.equal(record.hostname, undefined);
  });

  test('pretty prints "time LEVEL name: msg key=value" lines', () => {
    const out = capture();
    const logger = createLogger({
      pretty: true,
      clock: simClock(SIM_START),
      destination: out.stream,
      name: 'bt',
    });
    logger.info({ orderId: 'O-1', side: 'buy now', apiKey: 'AK' }, 'filled');
    logger.error({ err: new Error('boom') }, 'failed');
    const lines = out.lines();
    assert.equal(
      lines[0],
      '2024-03-01T14:30:00.000001Z INFO  bt: filled orderId=O-1 side="buy now" apiKey=***',
    );
    assert.match(lines[1], /^2024-03-01T14:30:00\.000001Z ERROR bt: failed$/);
    assert.match(lines[2], /^ {4}Error: boom$/);
  });
});

describe('helpers', () => {
  test('isoFromMicros keeps microseconds', () => {
    assert.equal(isoFromMicros(0), '1970-01-01T00:00:00.000000Z');
    assert.equal(isoFromMicros(SIM_START), '2024-03-01T14:30:00.000001Z');
    assert.equal(isoFromMicros(1_709_303_400_123_456), '2024-03-01T14:30:00.123456Z');
    assert.equal(isoFromMicros(-1), '1969-12-31T23:59:59.999999Z');
  });

  test('formatPrettyLine passes through lines that are not JSON', () => {
    assert.equal(formatPrettyLine('plain text'), 'plain text\n');
  });
});
