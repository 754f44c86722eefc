import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { z } from 'zod';
import { envVarName, isSecretKey, loadConfig, redactSecrets } from '../../src/core/config.js';
import {
  type BourseConfig,
  bourseConfigSchema,
  loadBourseConfig as loadBourseConfigFromProcess,
  strategyParamsFromStrings,
} from '../../src/core/config-schema.js';
import { assertConfigError, loadBourseConfig, repoRoot, testTempDir, writeYaml } from '../support/config.js';

const DEFAULTS: BourseConfig = {
  trader: { id: 'TRADER-001' },
  log: { level: 'info', pretty: false },
  risk: {
    tradingState: 'active',
    maxOrderSubmitRate: { count: 100, intervalMs: 1000 },
    checkSessionOpen: false,
    untradableInstruments: [],
    strategies: {},
  },
  backtest: {
    startingCash: 100_000,
    currency: 'USD',
    fill: 'next-open',
    commission: { kind: 'per-unit', amount: 0 },
    intrabarPath: 'proximity',
    quoteDepth: 'slippage',
    rejectWhenClosed: false,
  },
  store: { kind: 'pglite', dataDir: '.bourse/db' },
  data: { validation: {}, catalog: { compression: 'zstd' } },
  server: {
    sessionTtlMinutes: 720,
    rateLimitPerMinute: 1200,
    loginAttemptsPerMinute: 10,
    alerts: { intervalSeconds: 5, rules: {} },
  },
  optimize: {
    params: {},
    search: 'grid',
    samples: 100,
    population: 20,
    generations: 10,
    searchSeed: 1,
    objective: 'sharpe',
    walkForward: { anchored: false },
  },
};

describe('bourseConfigSchema', () => {
  test('an empty configuration gets every default', () => {
    assert.deepEqual(loadBourseConfig(), DEFAULTS);
    assert.deepEqual(loadConfig(bourseConfigSchema, { env: {} }), DEFAULTS);
    assert.deepEqual(loadConfig(bourseConfigSchema, { env: { PATH: '/usr/bin', BOURSE: 'x' } }), DEFAULTS);
  });

  test('config/bourse.example.yaml is valid', () => {
    const config = loadBourseConfig({ file: join(repoRoot, 'config/bourse.example.yaml') });
    assert.equal(config.trader.id, 'TRADER-001');
    assert.equal(config.risk.maxOrderQuantity, 1000);
    assert.equal(config.risk.maxOrderNotional, 250_000);
    assert.deepEqual(config.backtest, DEFAULTS.backtest);
    assert.deepEqual(config.store, DEFAULTS.store);
  });

  test('every field and section has a description', () => {
    const missing: string[] = [];
    const visit = (schema: z.ZodType, path: string): void => {
      let inner: z.ZodType = schema;
      let described = schema.description !== undefined;
      while (
        inner instanceof z.ZodOptional ||
        inner instanceof z.ZodDefault ||
        inner instanceof z.ZodPrefault
      ) {
        inner = inner.unwrap() as z.ZodType;
        described ||= inner.description !== undefined;
      }
      if (!described) missing.push(path || '(root)');
      if (inner instanceof z.ZodObject) {
        for (const [key, child] of Object.entries(inner.shape)) {
          visit(child as z.ZodType, path ? `${path}.${key}` : key);
        }
      }
    };
    visit(bourseConfigSchema, '');
    assert.deepEqual(missing, []);
    const jsonSchema = JSON.stringify(z.toJSONSchema(bourseConfigSchema, { io: 'input' }));
    assert.ok(jsonSchema.includes('Pre-trade risk checks.'));
  });

  test('docs/configuration.md names every key and environment variable', () => {
    const doc = readFileSync(join(repoRoot, 'docs/configuration.md'), 'utf8');
    const leaves: string[][] = [];
    const visit = (schema: z.ZodType, path: string[]): void => {
      let inner: z.ZodType = schema;
      while (
        inner instanceof z.ZodOptional ||
        inner instanceof z.ZodDefault ||
        inner instanceof z.ZodPrefault
      ) {
        inner = inner.unwrap() as z.ZodType;
      }
      if (inner instanceof z.ZodObject) {
        for (const [key, child] of Object.entries(inner.shape)) visit(child as z.ZodType, [...path, key]);
      } else leaves.push(path);
    };
    visit(bourseConfigSchema, []);
    assert.equal(leaves.length, 67);
    for (const path of leaves) {
      assert.ok(doc.includes(`\`${path.join('.')}\``), `docs lack key ${path.join('.')}`);
      assert.ok(doc.includes(envVarName(path)), `docs lack ${envVarName(path)}`);
    }
  });

  test('store.kind postgres requires store.url', () => {
    assertConfigError(
      () => loadBourseConfig({ env: { BOURSE_STORE__KIND: 'postgres' } }),
      'store.url',
      "required when store.kind is 'postgres'",
    );
    const config = loadBourseConfig({
      env: { BOURSE_STORE__KIND: 'postgres', BOURSE_STORE__URL: 'postgres://u:p@db:5432/bourse' },
    });
    assert.equal(config.store.url, 'postgres://u:p@db:5432/bourse');
  });

  test('commission given without kind is an error; currency must be a code', () => {
    assertConfigError(
      () => loadBourseConfig({ overrides: { 'backtest.commission': { amount: 0.5 } } }),
      'backtest.commission.kind',
      'required, but not set',
      '"per-unit", "percent"',
    );
    assertConfigError(
      () => loadBourseConfig({ overrides: { 'backtest.currency': 'usd' } }),
      'backtest.currency',
      'expected an upper-case currency code such as USD, got "usd"',
    );
  });
});

describe('loadConfig precedence', () => {
  const file = writeYaml(
    [
      'log:',
      '  level: debug',
      'risk:',
      '  maxOrderQuantity: 10',
      'backtest:',
      '  currency: EUR',
      '  commission: { kind: percent, amount: 0.1 }',
      '',
    ].join('\n'),
  );
  const env = { BOURSE_RISK__MAX_ORDER_QUANTITY: '20', BOURSE_LOG__LEVEL: 'warn', UNRELATED: 'x' };

  test('file over defaults', () => {
    const config = loadBourseConfig({ file });
    assert.equal(config.log.level, 'debug');
    assert.equal(config.log.pretty, false);
    assert.equal(config.risk.maxOrderQuantity, 10);
    assert.equal(config.backtest.currency, 'EUR');
    assert.deepEqual(config.backtest.commission, { kind: 'percent', amount: 0.1 });
    assert.equal(config.backtest.startingCash, 100_000);
  });

  test('environment over file', () => {
    const config = loadBourseConfig({ file, env });
    assert.equal(config.risk.maxOrderQuantity, 20);
    assert.equal(config.log.level, 'warn');
    assert.equal(config.backtest.currency, 'EUR');
  });

  test('overrides over environment, nested or dotted', () => {
    const nested = loadBourseConfig({ file, env, overrides: { risk: { maxOrderQuantity: 30 } } });
    assert.equal(nested.risk.maxOrderQuantity, 30);
    assert.equal(nested.risk.tradingState, 'active');
    const dotted = loadBourseConfig({
      file,
      env,
      overrides: { 'risk.maxOrderQuantity': 40, 'log.pretty': true },
    });
    assert.equal(dotted.risk.maxOrderQuantity, 40);
    assert.equal(dotted.log.pretty, true);
    assert.equal(dotted.log.level, 'warn');
  });

  test('undefined overrides change nothing; string overrides are coerced like env values', () => {
    const config = loadBourseConfig({ file, overrides: { risk: { maxOrderQuantity: undefined } } });
    assert.equal(config.risk.maxOrderQuantity, 10);
    const coerced = loadBourseConfig({
      overrides: { 'risk.maxOrderQuantity': '12.5', 'log.pretty': 'true' },
    });
    assert.equal(coerced.risk.maxOrderQuantity, 12.5);
    assert.equal(coerced.log.pretty, true);
  });

  test('process.env is the default environment', () => {
    const saved = process.env.BOURSE_TRADER__ID;
    process.env.BOURSE_TRADER__ID = 'FROM-PROCESS-ENV';
    try {
      assert.equal(loadBourseConfigFromProcess({ file }).trader.id, 'FROM-PROCESS-ENV');
      assert.equal(loadBourseConfigFromProcess({ file, env: {} }).trader.id, 'TRADER-001');
    } finally {
      if (saved === undefined) delete process.env.BOURSE_TRADER__ID;
      else process.env.BOURSE_TRADER__ID = saved;
    }
  });

  test('BOURSE_CONFIG names the file when no file is given', () => {
    const config = loadBourseConfig({ env: { BOURSE_CONFIG: file } });
    assert.equal(config.risk.maxOrderQuantity, 10);
  });

  test('the reserved names (database URL, test settings) are not config keys; a near miss still is an error', () => {
    const config = loadBourseConfig({
      env: {
        BOURSE_DATABASE_URL: 'postgres://u:secret@db/x',
        BOURSE_TEST_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
        BOURSE_CRASH_KILLS: '3',
      },
    });
    assert.equal(config.store.kind, 'pglite');
    assert.throws(
      () => loadBourseConfig({ env: { BOURSE_DATABASE_URI: 'x' } }),
      /unknown environment variable BOURSE_DATABASE_URI: no such config key/,
    );
  });

  test('a custom prefix is honoured and other prefixes are ignored', () => {
    const config = loadBourseConfig({
      env: { APP_RISK__MAX_ORDER_QUANTITY: '7', BOURSE_NOT_A_KEY: '1' },
      envPrefix: 'APP_',
    });
    assert.equal(config.risk.maxOrderQuantity, 7);
  });
});

describe('environment coercion', () => {
  test('numbers, integers, booleans, strings and enums from strings', () => {
    const config = loadBourseConfig({
      env: {
        BOURSE_TRADER__ID: 'DESK-7',
        BOURSE_LOG__PRETTY: 'true',
        BOURSE_RISK__TRADING_STATE: 'reducing',
        BOURSE_RISK__MAX_ORDER_NOTIONAL: '2.5e5',
        BOURSE_RISK__MAX_ORDER_SUBMIT_RATE__COUNT: '20',
        BOURSE_RISK__MAX_ORDER_SUBMIT_RATE__INTERVAL_MS: ' 500 ',
        BOURSE_BACKTEST__STARTING_CASH: '250000.5',
        BOURSE_BACKTEST__FILL: 'close',
        BOURSE_BACKTEST__COMMISSION__KIND: 'percent',
        BOURSE_BACKTEST__COMMISSION__AMOUNT: '0.05',
      },
    });
    assert.equal(config.trader.id, 'DESK-7');
    assert.equal(config.log.pretty, true);
    assert.equal(config.risk.tradingState, 'reducing');
    assert.equal(config.risk.maxOrderNotional, 250_000);
    assert.deepEqual(config.risk.maxOrderSubmitRate, { count: 20, intervalMs: 500 });
    assert.equal(config.backtest.startingCash, 250_000.5);
    assert.equal(config.backtest.fill, 'close');
    assert.deepEqual(config.backtest.commission, { kind: 'percent', amount: 0.05 });
  });

  test('booleans accept true/false/1/0 in any case', () => {
    for (const [raw, expected] of [
      ['true', true],
      ['TRUE', true],
      ['1', true],
      ['false', false],
      ['False', false],
      ['0', false],
    ] as const) {
      const config = loadBourseConfig({ env: { BOURSE_LOG__PRETTY: raw } });
      assert.equal(config.log.pretty, expected, raw);
    }
    assertConfigError(
      () => loadBourseConfig({ env: { BOURSE_LOG__PRETTY: 'yes' } }),
      'log.pretty',
      'expected a boolean (true or false), got "yes" (from env BOURSE_LOG__PRETTY)',
    );
  });

  test('a value that is not a number is reported with its variable', () => {
    assertConfigError(
      () => loadBourseConfig({ env: { BOURSE_BACKTEST__STARTING_CASH: 'lots' } }),
      'backtest.startingCash',
      'expected a number, got "lots" (from env BOURSE_BACKTEST__STARTING_CASH)',
    );
    assertConfigError(
      () => loadBourseConfig({ env: { BOURSE_RISK__MAX_ORDER_SUBMIT_RATE__COUNT: '2.5' } }),
      'risk.maxOrderSubmitRate.count',
      'expected an integer, got 2.5',
    );
  });

  test('lists are comma-separated and items are coerced by the element type', () => {
    const schema = z.strictObject({
      data: z
        .strictObject({
          symbols: z.array(z.string()).default([]),
          windows: z.array(z.number().int()).default([]),
          flags: z.array(z.boolean()).optional(),
        })
        .prefault({}),
      threshold: z.union([z.number(), z.literal('auto')]).default('auto'),
      big: z.bigint().optional(),
    });
    const config = loadConfig(schema, {
      env: {
        BOURSE_DATA__SYMBOLS: 'ESZ5.CME, AAPL.NASDAQ',
        BOURSE_DATA__WINDOWS: '10,20,50',
        BOURSE_DATA__FLAGS: 'true,0',
        BOURSE_THRESHOLD: '0.75',
        BOURSE_BIG: '9007199254740993',
      },
    });
    assert.deepEqual(config.data, {
      symbols: ['ESZ5.CME', 'AAPL.NASDAQ'],
      windows: [10, 20, 50],
      flags: [true, false],
    });
    assert.equal(config.threshold, 0.75);
    assert.equal(config.big, 9007199254740993n);
    assert.equal(loadConfig(schema, { env: { BOURSE_THRESHOLD: 'auto' } }).threshold, 'auto');
    assertConfigError(
      () => loadConfig(schema, { env: { BOURSE_DATA__WINDOWS: '10,x' } }),
      'data.windows[1]',
      'expected a number, got "x" (from env BOURSE_DATA__WINDOWS)',
    );
  });

  test('an empty value counts as unset', () => {
    const config = loadBourseConfig({ env: { BOURSE_RISK__MAX_ORDER_QUANTITY: '', BOURSE_TRADER__ID: '' } });
    assert.equal(config.risk.maxOrderQuantity, undefined);
    assert.equal(config.trader.id, 'TRADER-001');
  });

  test('an unknown variable under the prefix names the variable and the nearest keys', () => {
    assertConfigError(
      () => loadBourseConfig({ env: { BOURSE_RISK__MAX_ORDER_QTY: '5' } }),
      'risk.maxOrderQty',
      'unknown environment variable BOURSE_RISK__MAX_ORDER_QTY',
      'Did you mean BOURSE_RISK__MAX_ORDER_QUANTITY',
      'BOURSE_RISK__TRADING_STATE',
    );
    assertConfigError(
      () => loadBourseConfig({ env: { BOURSE_RISC__TRADING_STATE: 'halted' } }),
      'risc',
      'unknown environment variable BOURSE_RISC__TRADING_STATE',
      'Did you mean BOURSE_RISK',
    );
    assertConfigError(
      () => loadBourseConfig({ env: { BOURSE_RISK_MAX_ORDER_QUANTITY: '5' } }),
      'riskMaxOrderQuantity',
      'unknown environment variable BOURSE_RISK_MAX_ORDER_QUANTITY',
    );
  });

  test('a variable naming a section or going below a value is an error', () => {
    assertConfigError(
      () => loadBourseConfig({ env: { BOURSE_RISK: 'halted' } }),
      'risk',
      'names a section',
      'BOURSE_RISK__TRADING_STATE',
    );
    assertConfigError(
      () => loadBourseConfig({ env: { BOURSE_LOG__LEVEL__NAME: 'x' } }),
      'log.level',
      'set BOURSE_LOG__LEVEL instead',
    );
  });
});

describe('config file errors', () => {
  test('a YAML syntax error names the file and line', () => {
    const file = writeYaml(
      ['log:', '  level: info', 'risk:', '  maxOrderQuantity: [1, 2', 'store:', '  kind: pglite'].join('\n'),
    );
    const error = assertConfigError(
      () => loadBourseConfig({ file }),
      '',
      file,
      /YAML syntax error/,
      /at line \d+/,
    );
    const line = Number(/at line (\d+)/.exec(error.message)?.[1]);
    assert.ok(line >= 4 && line <= 6, error.message);

    const tabs = writeYaml('log:\n  level: info\n\tpretty: true\n');
    assertConfigError(() => loadBourseConfig({ file: tabs }), '', tabs, 'at line 3');

    const duplicate = writeYaml('log:\n  level: info\n  level: debug\n');
    assertConfigError(() => loadBourseConfig({ file: duplicate }), '', duplicate, 'at line 3');
  });

  test('a missing file or a non-mapping document is an error', () => {
    const missing = join(testTempDir(), 'does-not-exist.yaml');
    assertConfigError(() => loadBourseConfig({ file: missing }), '', `cannot read config file ${missing}`);
    const list = writeYaml('- a\n- b\n');
    assertConfigError(() => loadBourseConfig({ file: list }), '', 'expected a mapping of settings', 'a list');
    const empty = writeYaml('# nothing here\n');
    assert.deepEqual(loadBourseConfig({ file: empty }), DEFAULTS);
  });

  test('a bad value names its path, the value and the file line', () => {
    const file = writeYaml(['trader:', '  id: T1', 'risk:', '  maxOrderQuantity: -5', ''].join('\n'));
    const error = assertConfigError(() => loadBourseConfig({ file }), 'risk.maxOrderQuantity');
    assert.equal(
      error.message,
      `risk.maxOrderQuantity: expected a positive number, got -5 (from file ${file}:4)`,
    );
  });

  test('a bad value names the environment variable or the override it came from', () => {
    const file = writeYaml('risk:\n  maxOrderQuantity: 5\n');
    const fromEnv = assertConfigError(
      () => loadBourseConfig({ file, env: { BOURSE_RISK__MAX_ORDER_QUANTITY: '-5' } }),
      'risk.maxOrderQuantity',
    );
    assert.equal(
      fromEnv.message,
      'risk.maxOrderQuantity: expected a positive number, got -5 (from env BOURSE_RISK__MAX_ORDER_QUANTITY)',
    );
    assertConfigError(
      () => loadBourseConfig({ file, overrides: { risk: { maxOrderQuantity: 0 } } }),
      'risk.maxOrderQuantity',
      'expected a positive number, got 0 (from override risk.maxOrderQuantity)',
    );
  });

  test('enum and type errors list what is expected', () => {
    const file = writeYaml('backtest:\n  fill: open\n  startingCash: lots\n');
    assertConfigError(
      () => loadBourseConfig({ file }),
      'backtest.startingCash',
      'expected a number, got "lots"',
      `from file ${file}:3`,
      /also backtest\.fill: expected one of "next-open", "close", got "open"/,
    );
    const section = writeYaml('risk: halted\n');
    assertConfigError(
      () => loadBourseConfig({ file: section }),
      'risk',
      'expected a mapping of settings, got "halted"',
    );
  });

  test('unknown keys in the file are errors naming the path and the nearest key', () => {
    const nested = writeYaml(
      ['log:', '  level: info', 'risk:', '  tradingState: active', '  maxOrderQty: 5', ''].join('\n'),
    );
    assertConfigError(
      () => loadBourseConfig({ file: nested }),
      'risk.maxOrderQty',
      "unknown key; did you mean 'maxOrderQuantity'?",
      'valid keys: tradingState, maxOrderQuantity, maxOrderNotional, maxOrderSubmitRate',
      `(from file ${nested}:5)`,
    );
    const top = writeYaml('loging:\n  level: info\n');
    assertConfigError(() => loadBourseConfig({ file: top }), 'loging', "did you mean 'log'?", `${top}:1`);
    assertConfigError(
      () => loadBourseConfig({ overrides: { 'backtest.commission.rate': 1 } }),
      'backtest.commission.rate',
      'unknown key',
      'from override backtest.commission.rate',
    );
  });
});

describe('redactSecrets', () => {
  test('replaces secret-like keys at any depth and masks URL passwords, without mutating the input', () => {
    const input = {
      store: { kind: 'postgres', url: 'postgres://bourse:hunter2@db:5432/bourse', password: 'hunter2' },
      broker: {
        apiKey: 'AK-1',
        api_key: 'AK-2',
        secret: 's',
        accessToken: 't',
        privateKey: 'pk',
        key: 'k',
        accounts: [{ token: 'x', id: 'A1' }],
      },
      risk: { maxOrderQuantity: 5, keyboardLayout: 'us' },
      monkey: 'banana',
      emptySecret: null,
    };
    const copy = structuredClone(input);
    const redacted = redactSecrets(input);
    assert.deepEqual(input, copy);
    assert.deepEqual(redacted, {
      store: { kind: 'postgres', url: 'postgres://bourse:***@db:5432/bourse', password: '***' },
      broker: {
        apiKey: '***',
        api_key: '***',
        secret: '***',
        accessToken: '***',
        privateKey: '***',
        key: '***',
        accounts: [{ token: '***', id: 'A1' }],
      },
      risk: { maxOrderQuantity: 5, keyboardLayout: 'us' },
      monkey: 'banana',
      emptySecret: null,
    });
  });

  test('isSecretKey', () => {
    for (const key of [
      'password',
      'DB_PASSWORD',
      'apiKey',
      'APIKEY',
      'api-key',
      'clientSecret',
      'token',
      'key',
    ]) {
      assert.ok(isSecretKey(key), key);
    }
    for (const key of ['maxOrderQuantity', 'keyboard', 'monkey', 'tokenizer', 'kind', 'keys']) {
      assert.ok(!isSecretKey(key), key);
    }
  });

  test('a loaded configuration can be logged safely', () => {
    const config = loadBourseConfig({
      env: { BOURSE_STORE__KIND: 'postgres', BOURSE_STORE__URL: 'postgres://u:pw@h/db' },
    });
    assert.equal(redactSecrets(config).store.url, 'postgres://u:***@h/db');
    assert.equal(config.store.url, 'postgres://u:pw@h/db');
  });
});

describe('strategyParamsFromStrings', () => {
  const params = z.strictObject({
    fast: z.number().int().positive().default(10),
    slow: z.number().int().positive().default(30),
    threshold: z.number().default(0.5),
    side: z.enum(['long', 'short', 'both']).default('both'),
    useStops: z.boolean().default(false),
    symbols: z.array(z.string()).default([]),
    label: z.string().optional(),
    stops: z.strictObject({ trailPercent: z.number().nonnegative().default(1) }).prefault({}),
  });

  test('coerces values by the field types', () => {
    assert.deepEqual(
      strategyParamsFromStrings(params, [
        'fast=5',
        'slow=40',
        'threshold=-0.25',
        'side=long',
        'useStops=1',
        'symbols=ESZ5.CME,NQZ5.CME',
        'label=a=b c',
        'stops.trailPercent=2.5',
      ]),
      {
        fast: 5,
        slow: 40,
        threshold: -0.25,
        side: 'long',
        useStops: true,
        symbols: ['ESZ5.CME', 'NQZ5.CME'],
        label: 'a=b c',
        stops: { trailPercent: 2.5 },
      },
    );
    assert.deepEqual(strategyParamsFromStrings(params, []), {});
    assert.deepEqual(strategyParamsFromStrings(params, ['use-stops=false']), { useStops: false });
    assert.deepEqual(strategyParamsFromStrings(params, ['use_stops=true']), { useStops: true });
    const parsed = params.parse(strategyParamsFromStrings(params, ['fast=3']));
    assert.equal(parsed.fast, 3);
    assert.equal(parsed.slow, 30);
  });

  test('an unknown parameter is named with the valid ones', () => {
    assertConfigError(
      () => strategyParamsFromStrings(params, ['fats=5']),
      'fats',
      'unknown parameter',
      'did you mean fast',
      'valid parameters: fast, slow, threshold, side, useStops, symbols, label, stops',
    );
    assertConfigError(
      () => strategyParamsFromStrings(params, ['stops.trail=1']),
      'stops.trail',
      'trailPercent',
    );
  });

  test('a bad value is named with the parameter', () => {
    assertConfigError(
      () => strategyParamsFromStrings(params, ['fast=abc']),
      'fast',
      'expected a number, got "abc" (from --param fast=abc)',
    );
    assertConfigError(
      () => strategyParamsFromStrings(params, ['fast=2.5']),
      'fast',
      'expected an integer, got 2.5',
    );
    assertConfigError(
      () => strategyParamsFromStrings(params, ['slow=0']),
      'slow',
      'expected a positive number',
    );
    assertConfigError(
      () => strategyParamsFromStrings(params, ['side=up']),
      'side',
      'expected one of "long", "short", "both", got "up"',
    );
    assertConfigError(
      () => strategyParamsFromStrings(params, ['useStops=maybe']),
      'useStops',
      'expected a boolean',
    );
  });

  test('malformed pairs, duplicates and groups are errors', () => {
    assertConfigError(() => strategyParamsFromStrings(params, ['fast']), 'fast', 'expected key=value');
    assertConfigError(() => strategyParamsFromStrings(params, ['=5']), '=5', 'expected key=value');
    assertConfigError(
      () => strategyParamsFromStrings(params, ['fast=1', 'fast=2']),
      'fast',
      'given more than once',
    );
    assertConfigError(() => strategyParamsFromStrings(params, ['stops=1']), 'stops', 'trailPercent');
  });
});
