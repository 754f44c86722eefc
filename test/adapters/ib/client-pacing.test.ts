import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  HistoricalPacingRules,
  type HistoricalRequestKey,
  IB_HISTORICAL_WINDOWS,
  PACING_MARGIN_MS,
  RequestPacer,
  type RequestPacerOptions,
  TokenBucket,
} from '../../../src/adapters/ib/client/index.js';
import { TestClock } from '../../../src/core/clock.js';

const MS = 1000; // micros per ms

interface Sent {
  readonly id: number;
  readonly at: number; // ms
  readonly key?: HistoricalRequestKey;
}

type Arrival = { at: number; key?: HistoricalRequestKey };

/** Feeds arrivals (ms) into a pacer on a TestClock and runs until everything went. */
function simulate(
  arrivals: readonly Arrival[],
  options: RequestPacerOptions,
  horizonMs = 10_000_000,
): Sent[] {
  const clock = new TestClock(0);
  const pacer = new RequestPacer(clock, options);
  const sent: Sent[] = [];
  arrivals.forEach((a, id) => {
    clock.setTimeAlert(`arrival-${id}`, a.at * MS, () => {
      const record = (): void => {
        sent.push({ id, at: clock.now() / MS, key: a.key });
      };
      const p = a.key ? pacer.sendHistorical(`h${id}`, a.key, record) : pacer.send(`m${id}`, record);
      p.catch(() => {});
    });
  });
  clock.advanceTo(horizonMs * MS);
  assert.equal(pacer.pending, 0, 'everything was sent (delayed, not dropped)');
  pacer.close();
  return sent;
}

/** Largest number of times in any half-open window (t - w, t]. */
function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi++) {
    while (sorted[hi] - sorted[lo] >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

const key = (contract: string, parameters = 'p', tickType = 'TRADES'): HistoricalRequestKey => ({
  contract,
  exchange: 'CME',
  tickType,
  parameters,
});

describe('TokenBucket', () => {
  it('allows burst then refills at the rate', () => {
    const b = new TokenBucket({ messagesPerSecond: 45, burst: 3 });
    for (let i = 0; i < 3; i++) {
      assert.equal(b.waitMs(0), 0);
      b.take(0);
    }
    assert.ok(Math.abs(b.waitMs(0) - 1000 / 45) < 1e-9);
    assert.equal(b.waitMs(1000 / 45), 0);
    assert.throws(() => new TokenBucket({ burst: 0 }), /burst/);
  });
});

describe('RequestPacer: 45 messages/s', () => {
  it('delays a burst of 200 messages to at most 45 in any second, dropping none', () => {
    const sent = simulate(
      Array.from({ length: 200 }, () => ({ at: 0 })),
      {},
    );
    assert.equal(sent.length, 200);
    assert.deepEqual(
      sent.map((s) => s.id),
      Array.from({ length: 200 }, (_, i) => i),
      'FIFO',
    );
    assert.equal(sent[0].at, 0);
    assert.ok(
      maxInWindow(
        sent.map((s) => s.at),
        1000,
      ) <= 45,
    );
    // Sustained rate: the 200th goes out after ~199/45 s.
    assert.ok(sent[199].at >= (199 * 1000) / 45 && sent[199].at < (200 * 1000) / 45 + 1);
  });

  it('a burst allowance of 5 still never exceeds 49 (< IB 50) in a second', () => {
    const sent = simulate(
      Array.from({ length: 300 }, () => ({ at: 0 })),
      { burst: 5 },
    );
    assert.ok(
      maxInWindow(
        sent.map((s) => s.at),
        1000,
      ) <= 49,
    );
  });
});

describe('RequestPacer: historical rules', () => {
  // IB's windows exactly (the defaults add PACING_MARGIN_MS to each, checked below).
  const fast = {
    messagesPerSecond: 1000,
    burst: 100,
    historical: IB_HISTORICAL_WINDOWS,
  };

  it("defaults to IB's windows plus a margin for send/arrival jitter", () => {
    const rules = new HistoricalPacingRules();
    assert.equal(PACING_MARGIN_MS, 50);
    assert.deepEqual([rules.windowMs, rules.identicalMs, rules.sameContractMs], [600_050, 15_050, 2_050]);
  });

  it('no identical request within 15 s', () => {
    const sent = simulate(
      [
        { at: 0, key: key('ES') },
        { at: 1, key: key('ES') },
      ],
      fast,
    );
    assert.equal(sent[0].at, 0);
    assert.equal(sent[1].at, 15_000);
  });

  it('at most 5 (six or more is a violation) for one contract/exchange/tick type in 2 s', () => {
    const arrivals = Array.from({ length: 7 }, (_, i) => ({ at: 0, key: key('ES', `p${i}`) }));
    const sent = simulate(arrivals, fast);
    assert.deepEqual(
      sent.map((s) => s.at),
      [0, 0, 0, 0, 0, 2000, 2000],
    );
    // Another tick type of the same contract is a different key.
    const mixed = simulate(
      [
        ...Array.from({ length: 5 }, (_, i) => ({ at: 0, key: key('ES', `p${i}`) })),
        { at: 0, key: key('ES', 'p0', 'MIDPOINT') },
      ],
      fast,
    );
    assert.equal(mixed[5].at, 0);
  });

  it('no more than 60 requests in 10 minutes', () => {
    const arrivals = Array.from({ length: 61 }, (_, i) => ({ at: 0, key: key(`C${i}`) }));
    const sent = simulate(arrivals, fast);
    assert.equal(sent.filter((s) => s.at === 0).length, 60);
    assert.equal(sent[60].at, 600_000);
  });

  it('a waiting historical request does not hold back ordinary messages', () => {
    const sent = simulate(
      [{ at: 0, key: key('ES') }, { at: 0, key: key('ES') }, { at: 10 }, { at: 20 }],
      fast,
    );
    const byId = new Map(sent.map((s) => [s.id, s.at]));
    assert.equal(byId.get(1), 15_000);
    assert.equal(byId.get(2), 10);
    assert.equal(byId.get(3), 20);
  });

  it('close() rejects what is still queued', async () => {
    const clock = new TestClock(0);
    const pacer = new RequestPacer(clock);
    const first = pacer.send('a', () => {});
    const second = pacer.send('b', () => {});
    await first;
    pacer.close();
    await assert.rejects(second, { code: 'IB_PACER_CLOSED' });
    assert.deepEqual(clock.timerNames(), []);
  });

  it('HistoricalPacingRules.delayMs is 0 on an empty history', () => {
    assert.equal(new HistoricalPacingRules().delayMs(key('ES'), 123), 0);
  });
});

describe('RequestPacer: property', () => {
  it('no window ever exceeds a limit, and nothing is dropped', () => {
    const hist = {
      maxRequests: 8,
      windowMs: 60_000,
      identicalMs: 15_000,
      sameContractMax: 3,
      sameContractMs: 2_000,
    };
    const arrival = fc.record({
      at: fc.integer({ min: 0, max: 120_000 }),
      historical: fc.boolean(),
      contract: fc.constantFrom('ES', 'MES', 'AAPL'),
      tickType: fc.constantFrom('TRADES', 'MIDPOINT'),
      parameters: fc.constantFrom('1D', '2D'),
    });
    fc.assert(
      fc.property(
        fc.array(arrival, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 6 }),
        (raw, burst) => {
          const arrivals: Arrival[] = raw
            .sort((a, b) => a.at - b.at)
            .map((a) =>
              a.historical ? { at: a.at, key: key(a.contract, a.parameters, a.tickType) } : { at: a.at },
            );
          const sent = simulate(arrivals, { burst, historical: hist });
          assert.equal(sent.length, arrivals.length);
          for (const s of sent) assert.ok(s.at >= arrivals[s.id].at, 'never before it was asked');
          assert.ok(
            maxInWindow(
              sent.map((s) => s.at),
              1000,
            ) <=
              burst - 1 + 45,
            'bucket',
          );
          const h = sent.filter((s) => s.key !== undefined);
          assert.ok(
            maxInWindow(
              h.map((s) => s.at),
              hist.windowMs,
            ) <= hist.maxRequests,
            'window',
          );
          const groups = new Map<string, number[]>();
          const identical = new Map<string, number[]>();
          for (const s of h) {
            const k = s.key as HistoricalRequestKey;
            const g = HistoricalPacingRules.contractKey(k);
            const i = HistoricalPacingRules.identity(k);
            groups.set(g, [...(groups.get(g) ?? []), s.at]);
            identical.set(i, [...(identical.get(i) ?? []), s.at]);
          }
          for (const times of groups.values())
            assert.ok(maxInWindow(times, hist.sameContractMs) <= hist.sameContractMax, 'same contract');
          for (const times of identical.values())
            assert.ok(maxInWindow(times, hist.identicalMs) <= 1, 'identical');
        },
      ),
      { numRuns: 150 },
    );
  });
});
