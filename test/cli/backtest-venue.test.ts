/**
 * `bourse backtest` venue realism flags (--intrabar, --quote-depth, --latency-ms, --price-band,
 * --reject-when-closed), run through the real CLI. On the bundled `data/2006-day-001.txt` with
 * `sma-cross` (market orders only) the flags that act on limit and trigger prices cannot change the
 * result, so the runs are compared for equality; a small hand-made ES minute file traded by
 * `es-opening-range` (a stop and a take-profit) shows the same flags changing fills, hand-computed.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parseLatencyMs, parsePriceBand, venueOverrides } from '../../src/cli/venue-flags.js';
import { bourseAsync as bourse, REFERENCE_RUN } from '../support/cli.js';

/** The published reference run, as JSON. */
const SMA = [...REFERENCE_RUN, '--json'];

const tempDir = mkdtempSync(join(tmpdir(), 'bourse-cli-venue-'));
after(() => rmSync(tempDir, { recursive: true, force: true }));

/**
 * ESZ3 minute bars on Tuesday 2013-10-08 (the 09:30 New York open is 13:30 UTC). With rangeMinutes=1
 * the range is the 13:30 bar: high 1671, low 1669. The 13:31 bar closes at 1671.5, above it: a market
 * buy, filled at the 13:32 bar's open, 1671.5. Then a stop sell at 1669 (range low) and a take-profit
 * sell at 1671.5 + 1 × 2 = 1673.5 go out; the 13:33 bar (open 1671.5, high 1674, low 1668.5) reaches
 * both, so the order the bar visits its high and low in decides which one fills.
 */
const ES_FILE = join(tempDir, 'es-opening-range.csv');
writeFileSync(
  ES_FILE,
  [
    'bar_start_utc,root,contract_month,open,high,low,close,volume',
    '2013-10-08T13:28:00Z,ES,201312,1670,1670.5,1669.5,1670,100',
    '2013-10-08T13:29:00Z,ES,201312,1670,1670.5,1669.5,1670,100',
    '2013-10-08T13:30:00Z,ES,201312,1670,1671,1669,1670,100',
    '2013-10-08T13:31:00Z,ES,201312,1670,1671.75,1670,1671.5,100',
    '2013-10-08T13:32:00Z,ES,201312,1671.5,1672,1671,1671.5,100',
    '2013-10-08T13:33:00Z,ES,201312,1671.5,1674,1668.5,1671,100',
    '2013-10-08T13:34:00Z,ES,201312,1671,1671.25,1670.75,1671,100',
    '2013-10-08T13:35:00Z,ES,201312,1671,1671.25,1670.75,1671,100',
    '',
  ].join('\n'),
);
const ORB = [
  'backtest',
  '--data',
  ES_FILE,
  '--strategy',
  'es-opening-range',
  '--param',
  'rangeMinutes=1',
  '--param',
  'targetMultiple=1',
  '--json',
];

interface RunJson {
  finalValue: number;
  finalCash: number;
  closedTrades: number;
  fills: { time: string; side: string; price: number; quantity: number }[];
}

async function json(...args: string[]): Promise<{ text: string; value: RunJson }> {
  const out = await bourse(...args);
  assert.equal(out.code, 0, `${args.join(' ')}: ${out.stderr}`);
  return { text: out.stdout, value: JSON.parse(out.stdout) as RunJson };
}

/** The runs without venue flags, shared by the tests that compare against them (one process each). */
let smaPlain: Promise<{ text: string; value: RunJson }> | undefined;
let orbPlain: Promise<{ text: string; value: RunJson }> | undefined;
const plainSma = () => (smaPlain ??= json(...SMA));
const plainOrb = () => (orbPlain ??= json(...ORB));

const fillsOf = (r: RunJson) => r.fills.map((f) => `${f.time.slice(11, 16)} ${f.side} ${f.price}`);

describe('bourse backtest --intrabar', () => {
  test('sma-cross uses market orders only: ohlc, olhc and proximity give the identical reference result', async () => {
    const [plain, ohlc, olhc, proximity] = await Promise.all([
      plainSma(),
      json(...SMA, '--intrabar', 'ohlc'),
      json(...SMA, '--intrabar', 'olhc'),
      json(...SMA, '--intrabar', 'proximity'),
    ]);
    assert.equal(plain.value.finalValue, 10284.1);
    assert.equal(plain.value.fills.length, 23);
    // Market orders fill at the open whatever the path, so the whole output is the same, byte for byte.
    assert.equal(ohlc.text, plain.text);
    assert.equal(olhc.text, plain.text);
    assert.equal(proximity.text, plain.text);
  });

  test('with a stop and a take-profit inside one bar the path decides: ohlc → target, olhc → stop', async () => {
    const [plain, ohlc, olhc] = await Promise.all([
      plainOrb(),
      json(...ORB, '--intrabar', 'ohlc'),
      json(...ORB, '--intrabar', 'olhc'),
    ]);
    // ohlc: 1671.5 → 1674 → 1668.5: the take-profit at 1673.5 first; +2 points × 50 = +100.
    assert.deepEqual(fillsOf(ohlc.value), ['13:32 buy 1671.5', '13:33 sell 1673.5']);
    assert.equal(ohlc.value.finalValue, 100_100);
    // olhc: 1671.5 → 1668.5 → 1674: the stop at 1669 first; −2.5 points × 50 = −125.
    assert.deepEqual(fillsOf(olhc.value), ['13:32 buy 1671.5', '13:33 sell 1669']);
    assert.equal(olhc.value.finalValue, 99_875);
    // proximity (default): the high (2.5 away from the open) is nearer than the low (3 away).
    assert.equal(plain.text, ohlc.text);
  });

  test('a bad path exits 2 naming the flag and the accepted values, and runs nothing', async () => {
    const out = await bourse(...SMA, '--intrabar', 'foo');
    assert.equal(out.code, 2);
    assert.match(out.stderr, /--intrabar: expected proximity, ohlc or olhc, got 'foo'/);
    assert.equal(out.stdout, '');
  });
});

describe('bourse backtest --latency-ms', () => {
  test('--latency-ms 0 (and 0,0,0) equals the default run exactly', async () => {
    const [plain, zero, zeros] = await Promise.all([
      plainSma(),
      json(...SMA, '--latency-ms', '0'),
      json(...SMA, '--latency-ms', '0,0,0'),
    ]);
    assert.equal(zero.text, plain.text);
    assert.equal(zeros.text, plain.text);
  });

  test('milliseconds reach the venue: a 90 s submit delay moves the entry two bars later', async () => {
    // The buy is sent at 13:32:00 (close of the 13:31 bar) and arrives at 13:33:30, inside the 13:33
    // bar, so it fills at the next bar's open: 13:34, 1671. Its exits would arrive at 13:36:30, after
    // the last bar: the position is marked at the last close, 1671, so the value is unchanged.
    const late = await json(...ORB, '--latency-ms', '90000');
    assert.deepEqual(fillsOf(late.value), ['13:34 buy 1671']);
    assert.equal(late.value.finalValue, 100_000);
  });

  test('bad values exit 2 naming the flag and the syntax', async () => {
    const bads = ['x', '1,2,3,4'];
    const outs = await Promise.all(bads.map((bad) => bourse(...SMA, '--latency-ms', bad)));
    outs.forEach((out, i) => {
      assert.equal(out.code, 2, bads[i]);
      assert.ok(
        out.stderr.includes(
          `--latency-ms: expected SUBMIT[,ACK[,FILL]] in milliseconds >= 0, e.g. 5 or 5,2,2, got '${bads[i]}'`,
        ),
        out.stderr,
      );
      assert.equal(out.stdout, '');
    });
  });
});

describe('bourse backtest --price-band', () => {
  test('both forms parse; sma-cross sends no priced orders, so its result stays the reference', async () => {
    const [plain, percent, ticks, both] = await Promise.all([
      plainSma(),
      json(...SMA, '--price-band', '5%'),
      json(...SMA, '--price-band', '40ticks'),
      json(...SMA, '--price-band', '5%,40ticks'),
    ]);
    assert.equal(percent.text, plain.text);
    assert.equal(ticks.text, plain.text);
    assert.equal(both.text, plain.text);
  });

  test('a band narrower than the exits rejects them; a wide one changes nothing', async () => {
    const [plain, narrow, wide] = await Promise.all([
      plainOrb(),
      json(...ORB, '--price-band', '4ticks'),
      json(...ORB, '--price-band', '1%'),
    ]);
    // Last price 1671.5: the target (8 ticks away) and the stop (10 ticks) are outside 4 ticks and
    // rejected; the long is held to the end and marked at 1671: −0.5 × 50 = −25.
    assert.deepEqual(fillsOf(narrow.value), ['13:32 buy 1671.5']);
    assert.equal(narrow.value.finalValue, 99_975);
    // 1 % of 1671.5 is 16.7 points: both exits accepted, as without a band.
    assert.equal(wide.text, plain.text);
  });

  test('the flag replaces the config file’s band as a whole', async () => {
    const config = join(tempDir, 'band.yaml');
    writeFileSync(config, 'backtest:\n  priceBand: { percent: 5 }\n');
    // A merged band would be the wider of 5 % and 4 ticks (5 %): both exits accepted. Replaced: 4 ticks.
    const [fromFile, fromFlag] = await Promise.all([
      json(...ORB, '--config', config),
      json(...ORB, '--config', config, '--price-band', '4ticks'),
    ]);
    assert.equal(fromFile.value.finalValue, 100_100);
    assert.equal(fromFlag.value.finalValue, 99_975);
  });

  test('bad bands exit 2 naming the flag and both forms', async () => {
    const bads = ['5', '2.5ticks'];
    const outs = await Promise.all(bads.map((bad) => bourse(...SMA, '--price-band', bad)));
    outs.forEach((out, i) => {
      assert.equal(out.code, 2, bads[i]);
      assert.ok(
        out.stderr.includes(
          `--price-band: expected a percent of the last price (5%), a number of ticks (40ticks) or both (5%,40ticks), got '${bads[i]}'`,
        ),
        out.stderr,
      );
      assert.equal(out.stdout, '');
    });
  });
});

describe('bourse backtest --quote-depth and --reject-when-closed', () => {
  test('--quote-depth accepts its three modes (bars: no quotes, same result) and names them when wrong', async () => {
    const [plain, wait, bad] = await Promise.all([
      plainSma(),
      json(...SMA, '--quote-depth', 'wait'),
      bourse(...SMA, '--quote-depth', 'deep'),
    ]);
    assert.equal(wait.text, plain.text);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--quote-depth: expected slippage, wait or unlimited, got 'deep'/);
  });

  test('--reject-when-closed needs a session: a CSV stock has none (exit 2), ES trades CME Globex', async () => {
    const [stock, es, plainEs] = await Promise.all([
      bourse(...SMA, '--reject-when-closed'),
      json(...ORB, '--reject-when-closed'),
      plainOrb(),
    ]);
    assert.equal(stock.code, 2);
    assert.match(
      stock.stderr,
      /backtest\.rejectWhenClosed: needs a trading session, and 2006-DAY-001\.SIM has none/,
    );
    assert.equal(stock.stdout, '');
    // Every order of the ES run arrives while Globex is open: nothing is rejected.
    assert.equal(es.text, plainEs.text);
  });
});

describe('bourse backtest --help', () => {
  test('lists the venue flags with their syntax', async () => {
    const out = await bourse('backtest', '--help');
    assert.equal(out.code, 0);
    const help = out.stdout.replace(/\s+/g, ' ');
    for (const text of [
      '--intrabar <path>',
      'proximity',
      'olhc',
      '--quote-depth <mode>',
      'unlimited',
      '--latency-ms <submit[,ack[,fill]]>',
      '5,2,2',
      '--price-band <band>',
      '5%,40ticks',
      '--reject-when-closed',
    ]) {
      assert.ok(help.includes(text), `help lacks ${text}`);
    }
  });
});

describe('venue flag parsers', () => {
  test('--latency-ms: left-out delays are 0; fractions allowed', () => {
    assert.deepEqual(parseLatencyMs('5'), { submitMs: 5, ackMs: 0, fillMs: 0 });
    assert.deepEqual(parseLatencyMs('5, 2'), { submitMs: 5, ackMs: 2, fillMs: 0 });
    assert.deepEqual(parseLatencyMs('5,2,0.25'), { submitMs: 5, ackMs: 2, fillMs: 0.25 });
  });

  test('--price-band: percent, ticks or both, any order', () => {
    assert.deepEqual(parsePriceBand('5%'), { percent: 5 });
    assert.deepEqual(parsePriceBand('0.5%'), { percent: 0.5 });
    assert.deepEqual(parsePriceBand('40ticks'), { ticks: 40 });
    assert.deepEqual(parsePriceBand('1tick'), { ticks: 1 });
    assert.deepEqual(parsePriceBand('40ticks,5%'), { percent: 5, ticks: 40 });
  });

  test('bad values throw CLI_INVALID naming the flag', () => {
    for (const bad of ['', 'x', '5,', '5,-1', '1,2,3,4', 'Infinity'])
      assert.throws(() => parseLatencyMs(bad), { code: 'CLI_INVALID', message: /^--latency-ms: / }, bad);
    for (const bad of ['', '5', '0%', '-5%', '2.5ticks', '0ticks', '5%,6%', '4ticks,8ticks', 'wide'])
      assert.throws(() => parsePriceBand(bad), { code: 'CLI_INVALID', message: /^--price-band: / }, bad);
    assert.throws(() => venueOverrides({ intrabar: 'OHLC' }), {
      message: "--intrabar: expected proximity, ohlc or olhc, got 'OHLC'",
    });
  });

  test('overrides only for the flags given', () => {
    assert.deepEqual(venueOverrides({}), {});
    assert.deepEqual(
      venueOverrides({
        intrabar: 'olhc',
        quoteDepth: 'wait',
        latencyMs: '5,2,2',
        priceBand: '5%',
        rejectWhenClosed: true,
      }),
      {
        'backtest.intrabarPath': 'olhc',
        'backtest.quoteDepth': 'wait',
        'backtest.latency': { submitMs: 5, ackMs: 2, fillMs: 2 },
        'backtest.priceBand': { percent: 5 },
        'backtest.rejectWhenClosed': true,
      },
    );
  });
});
