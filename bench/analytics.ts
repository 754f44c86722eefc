/**
 * Option analytics throughput, single thread: (a) generalised-BSM price + delta, gamma, vega, theta, rho
 * per second, (b) implied volatilities per second (prices from random vols, inverted, with the maximum
 * round-trip vol error checked), (c) Barone-Adesi–Whaley American prices per second.
 * Inputs are random but realistic (spot 100, log-moneyness ±0.5, 1 week to 2 years, vol 5–80 %,
 * rates 0–8 %, dividend yield 0–4 %), drawn once from a seeded generator; each measure runs several
 * times after a warm-up and reports the median rate per CPU second of this process (what a dedicated core
 * gives, even while other work shares the machine), with the wall-clock rate beside it. Human-readable lines on stderr, ONE JSON object on the
 * last line of stdout. `--runs N` (default 5), `--size N` inputs per run (default 1,000,000).
 */
import { parseArgs } from 'node:util';
import { baroneAdesiWhaleyPrice } from '../src/analytics/options/american/barone-adesi-whaley.js';
import { blackScholesPrice } from '../src/analytics/options/black-scholes.js';
import { bsmGreeks } from '../src/analytics/options/greeks.js';
import { impliedVolatility } from '../src/analytics/options/implied-volatility.js';
import type { OptionType } from '../src/analytics/options/types.js';
import { mulberry32 } from '../src/analytics/statistics/random.js';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, size: { type: 'string', default: '1000000' } },
});
const runs = Number(values.runs);
const size = Number(values.size);

const TARGETS = { greeksPerSecond: 5e6, impliedVolsPerSecond: 1e6, baroneAdesiWhaleyPerSecond: 5e5 };

const uniform = mulberry32(20261121);
const types: OptionType[] = [];
const strikes = new Float64Array(size);
const times = new Float64Array(size);
const rates = new Float64Array(size);
const dividends = new Float64Array(size);
const vols = new Float64Array(size);
const prices = new Float64Array(size);
const SPOT = 100;
for (let i = 0; i < size; i++) {
  types.push(uniform() < 0.5 ? 'call' : 'put');
  strikes[i] = SPOT * Math.exp(uniform() - 0.5);
  times[i] = 1 / 52 + uniform() * 2;
  rates[i] = uniform() * 0.08;
  dividends[i] = uniform() * 0.04;
  vols[i] = 0.05 + uniform() * 0.75;
  prices[i] = blackScholesPrice(
    types[i],
    SPOT,
    strikes[i],
    times[i],
    rates[i],
    rates[i] - dividends[i],
    vols[i],
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median wall-clock rates by measure (lower than the CPU rates when other processes share the cores). */
const wallClockRates: Record<string, number> = {};

/** CPU seconds (user + system) of this process: unaffected by other processes sharing the cores. */
function cpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/**
 * Runs `body(count)` once to warm up, then `runs` times; returns the median rate per CPU second (the
 * figure a dedicated core would give) and reports the wall-clock rate beside it.
 */
function measure(name: string, count: number, body: (count: number) => number): number {
  body(Math.min(count, 50_000));
  const perCpuSecond: number[] = [];
  const perWallSecond: number[] = [];
  let checksum = 0;
  for (let r = 0; r < runs; r++) {
    const wallStart = performance.now();
    const cpuStart = cpuSeconds();
    checksum += body(count);
    perCpuSecond.push(count / (cpuSeconds() - cpuStart));
    perWallSecond.push(count / ((performance.now() - wallStart) / 1000));
  }
  const rate = median(perCpuSecond);
  wallClockRates[name] = Math.round(median(perWallSecond));
  console.error(
    `${name}: ${(rate / 1e6).toFixed(2)} M per CPU second (runs ${perCpuSecond.map((x) => (x / 1e6).toFixed(2)).join(' ')}; wall-clock median ${(median(perWallSecond) / 1e6).toFixed(2)} M/s; checksum ${checksum.toPrecision(6)})`,
  );
  return rate;
}

const greeksPerSecond = measure('BSM price + 5 Greeks', size, (count) => {
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const g = bsmGreeks(types[i], SPOT, strikes[i], times[i], rates[i], dividends[i], vols[i]);
    sum += g.price + g.delta + g.gamma + g.vega + g.theta + g.rho;
  }
  return sum;
});

/**
 * Inverts every option whose price carries vol information (time value above 1e-10 of the spot); the
 * vol error is checked where the time value is above 1e-6 of the spot, since below that the rounding of
 * the price and forward alone moves σ by more than 1e-10.
 */
const invertible = new Uint8Array(size);
for (let i = 0; i < size; i++) {
  const forward = SPOT * Math.exp((rates[i] - dividends[i]) * times[i]);
  const intrinsic =
    Math.exp(-rates[i] * times[i]) *
    Math.max(types[i] === 'call' ? forward - strikes[i] : strikes[i] - forward, 0);
  const timeValue = prices[i] - intrinsic;
  invertible[i] = timeValue > 1e-6 * SPOT ? 2 : timeValue > 1e-10 * SPOT ? 1 : 0;
}
let maxVolError = 0;
const impliedVolsPerSecond = measure('implied volatility', size, (count) => {
  let sum = 0;
  for (let i = 0; i < count; i++) {
    if (invertible[i] === 0) continue;
    const vol = impliedVolatility(
      types[i],
      prices[i],
      SPOT,
      strikes[i],
      times[i],
      rates[i],
      rates[i] - dividends[i],
    );
    const error = invertible[i] === 2 ? Math.abs(vol - vols[i]) : 0;
    if (error > maxVolError) maxVolError = error;
    sum += vol;
  }
  return sum;
});
console.error(
  `implied volatility: max |σ_implied − σ| = ${maxVolError.toExponential(2)} over ${invertible.filter((x) => x === 2).length} options with time value > 1e-6·S`,
);

const bawSize = Math.min(size, 500_000);
const baroneAdesiWhaleyPerSecond = measure('Barone-Adesi–Whaley', bawSize, (count) => {
  let sum = 0;
  for (let i = 0; i < count; i++) {
    sum += baroneAdesiWhaleyPrice(
      types[i],
      SPOT,
      strikes[i],
      times[i],
      rates[i],
      rates[i] - dividends[i],
      vols[i],
    );
  }
  return sum;
});

const met = {
  greeks: greeksPerSecond >= TARGETS.greeksPerSecond,
  impliedVols: impliedVolsPerSecond >= TARGETS.impliedVolsPerSecond,
  baroneAdesiWhaley: baroneAdesiWhaleyPerSecond >= TARGETS.baroneAdesiWhaleyPerSecond,
};
console.log(
  JSON.stringify({
    benchmark: 'analytics',
    runs,
    size,
    greeksPerSecond: Math.round(greeksPerSecond),
    impliedVolsPerSecond: Math.round(impliedVolsPerSecond),
    impliedVolMaxError: maxVolError,
    baroneAdesiWhaleyPerSecond: Math.round(baroneAdesiWhaleyPerSecond),
    wallClockRates,
    targets: TARGETS,
    met,
  }),
);
