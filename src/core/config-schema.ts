/**
 * The Bourse configuration schema. Every object is strict (unknown keys are errors) and every field has a
 * description; `docs/configuration.md` documents the same keys with their environment variable names.
 */
import { z } from 'zod';
import { type LoadConfigOptions, loadConfig } from './config.js';

export { strategyParamsFromStrings } from './config.js';

/** Log levels accepted by `log.level` (pino's levels plus `silent`). */
export const LOG_LEVEL_NAMES = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

const traderSchema = z.strictObject({
  id: z
    .string()
    .min(1)
    .default('TRADER-001')
    .describe('Identifier of this trader (account owner); stamped on orders and persisted events.'),
});

const logSchema = z.strictObject({
  level: z
    .enum(LOG_LEVEL_NAMES)
    .default('info')
    .describe('Lowest level that is written: trace, debug, info, warn, error, fatal or silent.'),
  pretty: z
    .boolean()
    .default(false)
    .describe('Write human-readable `time level name msg` lines instead of JSON lines.'),
});

const submitRateSchema = z.strictObject({
  count: z
    .number()
    .int()
    .positive()
    .default(100)
    .describe('Most order submissions (and modifications) allowed per interval.'),
  intervalMs: z
    .number()
    .int()
    .positive()
    .default(1000)
    .describe('Length of the rate-limit interval in milliseconds.'),
});

const riskSchema = z.strictObject({
  tradingState: z
    .enum(['active', 'reducing', 'halted'])
    .default('active')
    .describe(
      'active: all orders allowed; reducing: only orders that reduce a position; halted: no new orders.',
    ),
  maxOrderQuantity: z
    .number()
    .positive()
    .optional()
    .describe('Largest quantity one order may have, in instrument units. Unset: no limit.'),
  maxOrderNotional: z
    .number()
    .positive()
    .optional()
    .describe('Largest notional value (quantity × price × multiplier) of one order. Unset: no limit.'),
  maxOrderSubmitRate: submitRateSchema.prefault({}).describe('Order submission rate limit.'),
});

const commissionSchema = z.strictObject({
  kind: z
    .enum(['per-unit', 'percent'])
    .describe('per-unit: amount per unit of quantity; percent: amount is a percentage of notional.'),
  amount: z
    .number()
    .nonnegative()
    .default(0)
    .describe(
      'Commission amount: currency per unit (per-unit), or percent of notional (percent, 0.1 = 0.1%).',
    ),
});

const backtestSchema = z.strictObject({
  startingCash: z
    .number()
    .positive()
    .default(100_000)
    .describe('Cash in the account at the start of a backtest, in `currency`.'),
  currency: z
    .string()
    .regex(/^[A-Z][A-Z0-9]{1,11}$/, 'expected an upper-case currency code such as USD')
    .default('USD')
    .describe('Account (base) currency of the backtest, e.g. USD, EUR, USDT.'),
  fill: z
    .enum(['next-open', 'close'])
    .default('next-open')
    .describe(
      'Bar fill model for market orders: next-open fills at the next bar open (no look-ahead); close fills at the signal bar close.',
    ),
  commission: commissionSchema
    .default({ kind: 'per-unit', amount: 0 })
    .describe('Commission charged on each fill.'),
});

const storeSchema = z
  .strictObject({
    kind: z
      .enum(['pglite', 'postgres'])
      .default('pglite')
      .describe('pglite: embedded PostgreSQL in `dataDir`; postgres: an external server at `url`.'),
    url: z
      .string()
      .min(1)
      .optional()
      .describe(
        'PostgreSQL connection URL (postgres://user:password@host:5432/db); required when kind is postgres. Prefer the environment variable: it holds a secret.',
      ),
    dataDir: z
      .string()
      .min(1)
      .default('.bourse/db')
      .describe('Directory of the embedded database (pglite), relative to the working directory.'),
  })
  .superRefine((store, ctx) => {
    if (store.kind === 'postgres' && store.url === undefined) {
      ctx.addIssue({ code: 'custom', path: ['url'], message: "required when store.kind is 'postgres'" });
    }
  });

/** The Bourse configuration schema (zod 4), with defaults for every optional setting. */
export const bourseConfigSchema = z
  .strictObject({
    trader: traderSchema.prefault({}).describe('Who is trading.'),
    log: logSchema.prefault({}).describe('Logging (pino).'),
    risk: riskSchema.prefault({}).describe('Pre-trade risk checks.'),
    backtest: backtestSchema.prefault({}).describe('Backtest settings.'),
    store: storeSchema.prefault({}).describe('Event and state store.'),
  })
  .describe('Bourse configuration.');

/** Validated Bourse configuration (defaults applied). */
export type BourseConfig = z.output<typeof bourseConfigSchema>;
/** What a config file, environment or overrides may provide (everything optional). */
export type BourseConfigInput = z.input<typeof bourseConfigSchema>;

/** `loadConfig(bourseConfigSchema, opts)`: YAML file < `BOURSE_*` environment < overrides. */
export function loadBourseConfig(opts: LoadConfigOptions = {}): BourseConfig {
  return loadConfig(bourseConfigSchema, opts);
}
