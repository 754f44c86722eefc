/**
 * The simulated venue's realism options in the config (`backtest.intrabarPath`, `quoteDepth`, `latency`,
 * `priceBand`, `rejectWhenClosed`): defaults, YAML, environment and overrides, and errors naming the key
 * and the source; and how the file runner hands them to the venue.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { INTRABAR_PATHS } from '../../src/backtest/bar-fills.js';
import { runFileBacktest } from '../../src/backtest/run-file.js';
import { type BourseConfig, INTRABAR_PATH_NAMES, QUOTE_DEPTH_NAMES } from '../../src/core/config-schema.js';
import {
  assertConfigError as configError,
  loadBourseConfig as load,
  repoRoot,
  writeYaml,
} from '../support/config.js';

describe('backtest venue options: values', () => {
  test('defaults: proximity path, slippage depth, no latency, no band, closed market not rejected', () => {
    const { backtest } = load();
    assert.equal(backtest.intrabarPath, 'proximity');
    assert.equal(backtest.quoteDepth, 'slippage');
    assert.equal(backtest.rejectWhenClosed, false);
    assert.equal(backtest.latency, undefined);
    assert.equal(backtest.priceBand, undefined);
    assert.ok(!('latency' in backtest) && !('priceBand' in backtest));
  });

  test('the choices are the venue’s own lists', () => {
    assert.deepEqual([...INTRABAR_PATH_NAMES], [...INTRABAR_PATHS]);
    assert.deepEqual([...QUOTE_DEPTH_NAMES], ['slippage', 'wait', 'unlimited']);
  });

  test('every key from a YAML file', () => {
    const file = writeYaml(
      [
        'backtest:',
        '  intrabarPath: olhc',
        '  quoteDepth: wait',
        '  latency: { submitMs: 5, ackMs: 0.25, fillMs: 2 }',
        '  priceBand:',
        '    percent: 2.5',
        '    ticks: 40',
        '  rejectWhenClosed: true',
        '',
      ].join('\n'),
    );
    const { backtest } = load({ file });
    assert.equal(backtest.intrabarPath, 'olhc');
    assert.equal(backtest.quoteDepth, 'wait');
    assert.deepEqual(backtest.latency, { submitMs: 5, ackMs: 0.25, fillMs: 2 });
    assert.deepEqual(backtest.priceBand, { percent: 2.5, ticks: 40 });
    assert.equal(backtest.rejectWhenClosed, true);
    // The other backtest keys keep their defaults.
    assert.equal(backtest.startingCash, 100_000);
    assert.equal(backtest.fill, 'next-open');
  });

  test('latency and price band may be partial: only submitMs, only ticks', () => {
    const { backtest } = load({
      overrides: { 'backtest.latency': { submitMs: 3 }, 'backtest.priceBand.ticks': 8 },
    });
    assert.deepEqual(backtest.latency, { submitMs: 3 });
    assert.deepEqual(backtest.priceBand, { ticks: 8 });
  });

  test('environment variables BOURSE_BACKTEST__… set each key, coerced to its type', () => {
    const { backtest } = load({
      env: {
        BOURSE_BACKTEST__INTRABAR_PATH: 'ohlc',
        BOURSE_BACKTEST__QUOTE_DEPTH: 'unlimited',
        BOURSE_BACKTEST__LATENCY__SUBMIT_MS: '5',
        BOURSE_BACKTEST__LATENCY__ACK_MS: '0.5',
        BOURSE_BACKTEST__LATENCY__FILL_MS: '2',
        BOURSE_BACKTEST__PRICE_BAND__PERCENT: '5',
        BOURSE_BACKTEST__PRICE_BAND__TICKS: '40',
        BOURSE_BACKTEST__REJECT_WHEN_CLOSED: 'TRUE',
      },
    });
    assert.equal(backtest.intrabarPath, 'ohlc');
    assert.equal(backtest.quoteDepth, 'unlimited');
    assert.deepEqual(backtest.latency, { submitMs: 5, ackMs: 0.5, fillMs: 2 });
    assert.deepEqual(backtest.priceBand, { percent: 5, ticks: 40 });
    assert.equal(backtest.rejectWhenClosed, true);
  });

  test('precedence: file < environment < overrides, key by key', () => {
    const file = writeYaml(
      'backtest:\n  intrabarPath: ohlc\n  latency: { submitMs: 5, ackMs: 1 }\n  rejectWhenClosed: true\n',
    );
    const env = { BOURSE_BACKTEST__INTRABAR_PATH: 'olhc', BOURSE_BACKTEST__LATENCY__ACK_MS: '7' };
    const fromEnv = load({ file, env }).backtest;
    assert.equal(fromEnv.intrabarPath, 'olhc');
    assert.deepEqual(fromEnv.latency, { submitMs: 5, ackMs: 7 });
    assert.equal(fromEnv.rejectWhenClosed, true);
    const overridden = load({
      file,
      env,
      overrides: { 'backtest.intrabarPath': 'proximity', 'backtest.rejectWhenClosed': 'false' },
    }).backtest;
    assert.equal(overridden.intrabarPath, 'proximity');
    assert.equal(overridden.rejectWhenClosed, false);
    assert.deepEqual(overridden.latency, { submitMs: 5, ackMs: 7 });
  });
});

describe('backtest venue options: errors name the key, the value and its source', () => {
  test('an unknown intrabar path, from the file (with its line) and from the environment', () => {
    const file = writeYaml('backtest:\n  startingCash: 5000\n  intrabarPath: hlc\n');
    configError(
      () => load({ file }),
      'backtest.intrabarPath',
      'expected one of "proximity", "ohlc", "olhc", got "hlc"',
      `(from file ${file}:3)`,
    );
    configError(
      () => load({ env: { BOURSE_BACKTEST__QUOTE_DEPTH: 'deep' } }),
      'backtest.quoteDepth',
      'expected one of "slippage", "wait", "unlimited", got "deep"',
      '(from env BOURSE_BACKTEST__QUOTE_DEPTH)',
    );
  });

  test('latency: negative, not a number, unknown key, a section set as one value', () => {
    configError(
      () => load({ env: { BOURSE_BACKTEST__LATENCY__SUBMIT_MS: '-1' } }),
      'backtest.latency.submitMs',
      'expected a non-negative number, got -1',
      '(from env BOURSE_BACKTEST__LATENCY__SUBMIT_MS)',
    );
    configError(
      () => load({ env: { BOURSE_BACKTEST__LATENCY__FILL_MS: '150ms' } }),
      'backtest.latency.fillMs',
      'expected a number, got "150ms"',
    );
    const file = writeYaml('backtest:\n  latency:\n    submit: 5\n');
    configError(
      () => load({ file }),
      'backtest.latency.submit',
      "unknown key; did you mean 'submitMs'?",
      'valid keys: submitMs, ackMs, fillMs',
      `(from file ${file}:3)`,
    );
    configError(
      () => load({ env: { BOURSE_BACKTEST__LATENCY: '5' } }),
      'backtest.latency',
      'names a section',
      'BOURSE_BACKTEST__LATENCY__SUBMIT_MS',
    );
  });

  test('price band: empty, percent not positive, ticks not whole', () => {
    const file = writeYaml('backtest:\n  priceBand: {}\n');
    configError(
      () => load({ file }),
      'backtest.priceBand',
      'give percent, ticks or both',
      `(from file ${file}:2)`,
    );
    configError(
      () => load({ overrides: { 'backtest.priceBand.percent': 0 } }),
      'backtest.priceBand.percent',
      'expected a positive number, got 0',
      '(from override backtest.priceBand.percent)',
    );
    configError(
      () => load({ env: { BOURSE_BACKTEST__PRICE_BAND__TICKS: '2.5' } }),
      'backtest.priceBand.ticks',
      'expected an integer, got 2.5',
      '(from env BOURSE_BACKTEST__PRICE_BAND__TICKS)',
    );
  });

  test('rejectWhenClosed must be a boolean', () => {
    configError(
      () => load({ env: { BOURSE_BACKTEST__REJECT_WHEN_CLOSED: 'yes' } }),
      'backtest.rejectWhenClosed',
      'expected a boolean (true or false), got "yes"',
      '(from env BOURSE_BACKTEST__REJECT_WHEN_CLOSED)',
    );
  });
});

describe('runFileBacktest: the venue options reach the simulated venue', () => {
  const run = (config: BourseConfig) =>
    runFileBacktest({
      file: join(repoRoot, 'data/2006-day-001.txt'),
      strategy: 'sma-cross',
      params: ['fast=1', 'slow=15'],
      config: { ...config, log: { ...config.log, level: 'silent' } },
    });

  test('rejectWhenClosed without a trading session (a CSV stock has none) is an error before the run', () => {
    configError(
      () => run(load({ overrides: { 'backtest.rejectWhenClosed': true } })),
      'backtest.rejectWhenClosed',
      'needs a trading session, and 2006-DAY-001.SIM has none',
    );
  });

  test('sma-cross trades market orders only: price band, intrabar path and zero latency leave the reference result', () => {
    const reference = run(load({ overrides: { 'backtest.startingCash': 10_000 } })).result;
    assert.equal(reference.finalValue, 10284.1);
    const varied = run(
      load({
        overrides: {
          'backtest.startingCash': 10_000,
          'backtest.intrabarPath': 'olhc',
          'backtest.priceBand.ticks': 1,
          'backtest.latency': { submitMs: 0, ackMs: 0, fillMs: 0 },
        },
      }),
    ).result;
    assert.equal(varied.finalValue, reference.finalValue);
    assert.equal(varied.finalCash, reference.finalCash);
    assert.deepEqual(
      varied.fills.map((f) => [f.time, f.side, f.price, f.quantity]),
      reference.fills.map((f) => [f.time, f.side, f.price, f.quantity]),
    );
  });
});
