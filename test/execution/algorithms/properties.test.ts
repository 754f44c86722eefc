/**
 * Property: whatever the bars and the venue's volume limit (partial fills), an algorithm never has
 * filled + working above its parent quantity, checked after every order event and every bar (an
 * event of a child sent inside submit() can arrive before `handle` is set; those are checked at the next one).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { type AlgorithmSpec, iceberg, pov, twap } from '../../../src/execution/algorithms/index.js';
import { BarType } from '../../../src/model/data.js';
import { equity } from '../../../src/model/instruments.js';
import { MICROS_PER_MINUTE } from '../../../src/model/time.js';
import { minuteBars, runAlgo } from './harness.js';

const ABC = equity({ symbol: 'ABC', venue: 'SIM' });

const scenario = fc.record({
  kind: fc.constantFrom('twap', 'iceberg', 'pov'),
  quantity: fc.integer({ min: 1, max: 60 }),
  slices: fc.integer({ min: 1, max: 8 }),
  display: fc.integer({ min: 1, max: 10 }),
  rate: fc.double({ min: 0.01, max: 1, noNaN: true }),
  limit: fc.option(fc.integer({ min: 98, max: 102 }), { nil: undefined }),
  participation: fc.option(fc.double({ min: 0.001, max: 0.5, noNaN: true }), { nil: undefined }),
  bars: fc.array(
    fc.record({ open: fc.integer({ min: 96, max: 104 }), volume: fc.integer({ min: 0, max: 200 }) }),
    { minLength: 2, maxLength: 20 },
  ),
});

test('filled + working never exceeds the parent quantity', () => {
  fc.assert(
    fc.property(scenario, (s) => {
      const spec = (): AlgorithmSpec => {
        const parent = {
          instrumentId: ABC.id,
          side: 'buy' as const,
          quantity: s.quantity,
          limitPrice: s.limit,
        };
        if (s.kind === 'twap')
          return twap({ ...parent, slices: s.slices, intervalMicros: MICROS_PER_MINUTE });
        if (s.kind === 'iceberg')
          return iceberg({ ...parent, limitPrice: s.limit ?? 100, displayQuantity: s.display });
        return pov({ ...parent, rate: s.rate, barType: BarType.of(ABC.id, 1, 'minute') });
      };
      const violations: string[] = [];
      const check = (where: string, handle: { filledQuantity: number; workingQuantity: number }) => {
        if (handle.filledQuantity + handle.workingQuantity > s.quantity)
          violations.push(`${where}: ${handle.filledQuantity} + ${handle.workingQuantity} > ${s.quantity}`);
      };
      const { handle, result } = runAlgo({
        instrument: ABC,
        data: minuteBars(
          ABC,
          s.bars.map((b) => [b.open, b.open + 1, b.open - 1, b.open, b.volume] as const),
        ),
        volumeParticipation: s.participation,
        launchAtStart: s.kind === 'pov',
        launch: spec,
        afterOrderEvent: (runner) => {
          if (runner.handle) check('order event', runner.handle);
        },
        onData: (runner, index) => {
          if (runner.handle) check(`bar ${index}`, runner.handle);
          runner.handle?.onDone(() => check('done', runner.handle!));
        },
      });
      check('end', handle);
      const filledByFills = result.fills.reduce((sum, f) => sum + f.quantity, 0);
      assert.ok(filledByFills <= s.quantity, `fills ${filledByFills} > ${s.quantity}`);
      assert.equal(filledByFills, handle.filledQuantity);
      assert.deepEqual(violations, []);
      if (handle.status === 'completed') assert.equal(handle.filledQuantity, s.quantity);
    }),
    { numRuns: 150, seed: 42 },
  );
});
