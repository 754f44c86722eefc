import { bourseConfigSchema } from '../../src/core/config-schema.js';

/** The paper session the live tests run: sma-cross 10/30 on the bundled ES minute bars. */
export function paperSessionOptions() {
  return {
    file: new URL('../../data/es-minute-trade-bars-2013-2020.csv', import.meta.url).pathname,
    session: {
      strategy: 'sma-cross',
      params: ['fast=10', 'slow=30'],
      config: bourseConfigSchema.parse({ backtest: { startingCash: 100_000 } }),
    },
  };
}
