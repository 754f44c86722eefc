/**
 * A real `bourse serve` stack for tests: a paper session replaying the bundled ES minute bars,
 * PGlite stores in a temp directory, and one user per role (password `password-<role>`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBourseConfig } from '../../src/core/config-schema.js';
import { addUser } from '../../src/server/auth.js';
import { defaultDataDir } from '../../src/server/datasets.js';
import { type PaperServe, servePaperSession } from '../../src/server/serve.js';
import { openStore, type Store } from '../../src/store/index.js';

export const ROLES = ['viewer', 'trader', 'admin'] as const;
export const passwordOf = (role: string): string => `password-${role}`;

export interface TestServer {
  readonly served: PaperServe;
  readonly store: Store;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** Replay speed (default 1200: a minute bar every 50 ms). */
  readonly speed?: number;
  readonly bars?: number;
  readonly risk?: Record<string, unknown>;
  readonly loginPerMinute?: number;
  readonly webDir?: string;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'bourse-server-test-'));
  const store = await openStore({ kind: 'pglite', dataDir: join(dir, 'server') });
  for (const role of ROLES) await addUser(store, role, passwordOf(role), role);
  const config = loadBourseConfig({
    env: {},
    overrides: { 'backtest.startingCash': 100_000, ...prefixed(options.risk) },
  });
  const served = await servePaperSession({
    config,
    store,
    sessionStore: { kind: 'pglite', dataDir: join(dir, 'session') },
    sessionName: 'test',
    dataFile: join(defaultDataDir(), 'es-minute-trade-bars-2013-2020.csv'),
    series: 'ESZ3',
    strategy: 'sma-cross',
    params: ['fast=10', 'slow=30'],
    speed: options.speed ?? 1200,
    bars: options.bars ?? 4000,
    rateLimit: { perMinute: 100_000, loginPerMinute: options.loginPerMinute ?? 1000 },
    webDir: options.webDir,
  });
  return {
    served,
    store,
    close: async () => {
      await served.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function prefixed(risk: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(risk ?? {}).map(([key, value]) => [`risk.${key}`, value]));
}
