/**
 * The Bourse configuration schema. Every object is strict (unknown keys are errors) and every field has a
 * description; `docs/configuration.md` documents the same keys with their environment variable names.
 */
import { z } from 'zod';
import { CATALOG_COMPRESSIONS, type CatalogCompression } from '../catalog/schema.js';
import { RULE_NAMES, VALIDATION_RULES, type ValidationPolicies } from '../model/validation-rules.js';
import { toCamelCase } from './config/key-case.js';
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

/** Limits that can be set globally (`risk.*`) and per strategy (`risk.strategies.<id>.*`). */
const riskLimitShape = {
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
  priceBandPct: z
    .number()
    .positive()
    .optional()
    .describe(
      'Fat-finger band: deny limit and trigger prices farther than this percent from the last price. Unset: no band.',
    ),
  priceBandTicks: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('Fat-finger band in ticks of the instrument (with priceBandPct: the wider). Unset: no band.'),
  maxPositionQuantity: z
    .number()
    .positive()
    .optional()
    .describe(
      'Largest absolute position per instrument after the order, counting open orders on the same side. Unset: no limit.',
    ),
  maxGrossExposure: z
    .number()
    .positive()
    .optional()
    .describe(
      'Largest sum of |position × last price × multiplier| over all instruments, with the order, in account currency. Unset: no limit.',
    ),
  maxNetExposure: z
    .number()
    .positive()
    .optional()
    .describe(
      'Largest |sum of position × last price × multiplier| over all instruments, with the order, in account currency. Unset: no limit.',
    ),
  maxOpenOrders: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('Most orders open at once (per strategy under strategies.<id>). Unset: no limit.'),
  maxOpenOrdersPerInstrument: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('Most orders open at once in one instrument. Unset: no limit.'),
};

/** The global keys keep their historical order (error messages list valid keys in this order). */
const { maxOrderQuantity, maxOrderNotional, ...otherRiskLimits } = riskLimitShape;

const strategyRiskSchema = z
  .strictObject({
    ...riskLimitShape,
    maxOrderSubmitRate: submitRateSchema
      .optional()
      .describe("Order submission rate limit of this strategy's orders alone. Unset: only the global one."),
  })
  .describe('Limits of one strategy; where the global limit is set too, the stricter applies.');

const riskSchema = z.strictObject({
  tradingState: z
    .enum(['active', 'reducing', 'halted'])
    .default('active')
    .describe(
      'active: all orders allowed; reducing: only orders that reduce a position; halted: no new orders.',
    ),
  maxOrderQuantity,
  maxOrderNotional,
  maxOrderSubmitRate: submitRateSchema.prefault({}).describe('Order submission rate limit.'),
  ...otherRiskLimits,
  checkSessionOpen: z
    .boolean()
    .default(false)
    .describe(
      "Deny orders while the venue's trading session (when it has one) is closed; auction orders (market-on-open/close, AT_THE_OPEN/AT_THE_CLOSE) are exempt. Off by default: venues queue orders for the open.",
    ),
  untradableInstruments: z
    .array(z.string().min(1))
    .default([])
    .describe('Instrument ids no order may be sent for, e.g. [ESZ5.CME].'),
  maxDailyLoss: z
    .number()
    .positive()
    .optional()
    .describe(
      'Loss (realised + unrealised, per account, in account currency) since the trading day began that switches the trading state to reducing. Unset: no limit.',
    ),
  maxDrawdownPct: z
    .number()
    .positive()
    .max(100)
    .optional()
    .describe(
      'Drawdown from the equity high-water mark, in percent, that switches the trading state to halted. Unset: no limit.',
    ),
  strategies: z
    .record(z.string().min(1), strategyRiskSchema)
    .default({})
    .describe(
      'Per-strategy limits keyed by strategy id; the stricter of these and the global limits applies.',
    ),
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

/** Intrabar price paths (`backtest.intrabarPath`); the same list as `INTRABAR_PATHS` in `backtest/bar-fills`. */
export const INTRABAR_PATH_NAMES = ['proximity', 'ohlc', 'olhc'] as const;
/** Quote depth modes (`backtest.quoteDepth`); the members of `QuoteDepth` in `backtest/exchange`. */
export const QUOTE_DEPTH_NAMES = ['slippage', 'wait', 'unlimited'] as const;

const latencyMs = (what: string) =>
  z
    .number()
    .nonnegative()
    .max(86_400_000, 'expected at most 86400000 ms (one day)')
    .optional()
    .describe(`${what}, in milliseconds (fractions allowed, e.g. 0.25; unset: 0).`);

const latencySchema = z.strictObject({
  submitMs: latencyMs('Delay of a command (submit, modify, cancel) on its way to the venue'),
  ackMs: latencyMs("Delay of the venue's answers (accepted, rejected, canceled, updated…) on their way back"),
  fillMs: latencyMs('Delay of a fill report on its way back'),
});

const priceBandSchema = z
  .strictObject({
    percent: z
      .number()
      .positive()
      .optional()
      .describe('Band half-width as a percent of the last price (5 = 5 %).'),
    ticks: z.number().int().positive().optional().describe('Band half-width in ticks of the instrument.'),
  })
  .superRefine((band, ctx) => {
    if (band.percent === undefined && band.ticks === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'give percent, ticks or both (both: the wider band applies), e.g. { percent: 5 }',
      });
    }
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
  intrabarPath: z
    .enum(INTRABAR_PATH_NAMES)
    .default('proximity')
    .describe(
      'Order a bar visits its high and low in: proximity (the extreme nearer the open first), ohlc (high first) or olhc (low first).',
    ),
  quoteDepth: z
    .enum(QUOTE_DEPTH_NAMES)
    .default('slippage')
    .describe(
      'Quotes: what happens to the part of a taker order beyond the displayed size: slippage (fills at once, worse), wait (works on later quotes) or unlimited (size ignored).',
    ),
  latency: latencySchema
    .optional()
    .describe('Delays between the strategy and the simulated venue. Unset: none.'),
  priceBand: priceBandSchema
    .optional()
    .describe('Reject limit and trigger prices farther than this from the last price. Unset: no band.'),
  rejectWhenClosed: z
    .boolean()
    .default(false)
    .describe(
      "Reject orders that arrive while the venue's trading session is closed; needs an instrument with a session (CME equity-index futures).",
    ),
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

/**
 * `data.validation`: one key per validation rule, in camelCase (`offGrid`, `outOfOrder`…), each
 * taking only the policies that rule allows; unset keys keep the rule's default.
 */
const validationSchema = z.strictObject(
  Object.fromEntries(
    RULE_NAMES.map((rule) => {
      const spec = VALIDATION_RULES[rule];
      const [first, ...rest] = spec.allowed;
      return [
        toCamelCase(rule),
        z
          .enum([first, ...rest])
          .optional()
          .describe(`${spec.description}: ${spec.allowed.join(', ')} (default ${spec.defaultPolicy}).`),
      ];
    }),
  ),
);

const dataSchema = z.strictObject({
  validation: validationSchema
    .prefault({})
    .describe('Validation policy per rule for `bourse data import` (the `--validate` flag overrides).'),
  catalog: z
    .strictObject({
      compression: z
        .enum(CATALOG_COMPRESSIONS as [CatalogCompression, ...CatalogCompression[]])
        .default('zstd')
        .describe('Parquet compression of the files the catalog writes.'),
    })
    .prefault({})
    .describe('The Parquet data catalog (`bourse data import`, `resample`, the recorder).'),
});

/** The config's validation policies keyed by rule name (`off-grid`), as StreamValidator takes them. */
export function validationPolicies(config: BourseConfig): ValidationPolicies {
  const out: Record<string, string> = {};
  for (const rule of RULE_NAMES) {
    const policy = (config.data.validation as Record<string, string | undefined>)[toCamelCase(rule)];
    if (policy !== undefined) out[rule] = policy;
  }
  return out as ValidationPolicies;
}

const serverSchema = z.strictObject({
  sessionTtlMinutes: z
    .number()
    .positive()
    .default(720)
    .describe('A dashboard/API login lasts this long after its last request.'),
  rateLimitPerMinute: z
    .number()
    .int()
    .positive()
    .default(1200)
    .describe('Requests per minute per client address.'),
  loginAttemptsPerMinute: z
    .number()
    .int()
    .positive()
    .default(10)
    .describe('Login attempts per minute per address.'),
  alerts: z
    .strictObject({
      webhook: z.url().optional().describe('Alerts are POSTed here as JSON (firing and resolved).'),
      intervalSeconds: z.number().positive().default(5).describe('How often the rules are evaluated.'),
      rules: z
        .record(z.string(), z.unknown())
        .default({})
        .describe('dailyLoss, disconnected, denialSpike, staleData: see docs/operations.md.'),
    })
    .prefault({})
    .describe('Alert rules and where alerts are delivered.'),
});

const walkForwardSchema = z.strictObject({
  inSample: z
    .string()
    .optional()
    .describe('In-sample window: bars (`500`) or a calendar span (`2y`, `18m`, `26w`, `90d`).'),
  outOfSample: z
    .string()
    .optional()
    .describe('Out-of-sample window (and the step between windows), in the same units.'),
  anchored: z
    .boolean()
    .default(false)
    .describe('Anchored windows (in-sample from the first bar) instead of rolling ones.'),
  warmup: z
    .number()
    .int()
    .nonnegative()
    .optional()
    .describe(
      'Bars before each out-of-sample window the strategy runs on first (default: the in-sample length).',
    ),
});

const optimizeSchema = z.strictObject({
  params: z
    .record(z.string(), z.union([z.string(), z.number()]))
    .default({})
    .describe(
      'Parameter spaces by name (`slow: 5..44`), as `--param slow=5..44`; a flag replaces the axis it names.',
    ),
  search: z.enum(['grid', 'random', 'genetic']).default('grid').describe('How combinations are chosen.'),
  samples: z.number().int().positive().default(100).describe('random: combinations drawn.'),
  population: z.number().int().min(2).default(20).describe('genetic: combinations per generation.'),
  generations: z.number().int().positive().default(10).describe('genetic: generations.'),
  searchSeed: z.number().int().nonnegative().default(1).describe('random, genetic: the search seed.'),
  objective: z
    .string()
    .default('sharpe')
    .describe(
      'sharpe, sortino, calmar, return, sqn, or a module file exporting a function of the statistics.',
    ),
  minTrades: z
    .number()
    .int()
    .nonnegative()
    .optional()
    .describe('Constraint: at least this many closed trades.'),
  maxDrawdownPct: z
    .number()
    .nonnegative()
    .optional()
    .describe('Constraint: a maximum drawdown of at most this many percent.'),
  workers: z.number().int().positive().optional().describe('Worker threads (default: every core).'),
  walkForward: walkForwardSchema.prefault({}).describe('`bourse walkforward` windows.'),
});

/** The Bourse configuration schema (zod 4), with defaults for every optional setting. */
export const bourseConfigSchema = z
  .strictObject({
    trader: traderSchema.prefault({}).describe('Who is trading.'),
    log: logSchema.prefault({}).describe('Logging (pino).'),
    risk: riskSchema.prefault({}).describe('Pre-trade risk checks.'),
    backtest: backtestSchema.prefault({}).describe('Backtest settings.'),
    store: storeSchema.prefault({}).describe('Event and state store.'),
    data: dataSchema.prefault({}).describe('Market data import.'),
    server: serverSchema.prefault({}).describe('`bourse serve`: sessions, rate limits, alerts.'),
    optimize: optimizeSchema
      .prefault({})
      .describe('`bourse optimize` and `bourse walkforward`: spaces, search, objective.'),
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
