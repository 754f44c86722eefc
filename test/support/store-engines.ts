/**
 * The engines the store suites run on: PGlite always (a temp data directory), PostgreSQL when
 * BOURSE_TEST_DATABASE_URL is set. Then the PostgreSQL variant must work: a failed connection fails
 * the suite (it is not skipped). Each suite gets a fresh schema (search_path), dropped at the end,
 * so test files running in parallel do not collide.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import pg from 'pg';
import { openStore, type Store, type StoreOptions } from '../../src/store/index.js';

export interface TestEngine {
  readonly name: 'pglite' | 'postgres';
  /** Why the variant is skipped (only PostgreSQL without BOURSE_TEST_DATABASE_URL). */
  readonly skip: string | false;
  /** Opens (or reopens) this engine's store: the same data directory / schema each time. */
  open(): Promise<Store>;
  /** Removes the data directory / drops the schema. */
  cleanup(): Promise<void>;
  /** Where the store is, for a child process: `pglite DIR` or `postgres URL SCHEMA`. */
  readonly location: readonly string[];
}

export const POSTGRES_URL = process.env.BOURSE_TEST_DATABASE_URL;

export function testEngines(suite: string): TestEngine[] {
  const dataDir = mkdtempSync(join(tmpdir(), `bourse-store-${suite}-`));
  const pglite: TestEngine = {
    name: 'pglite',
    skip: false,
    open: () => openStore({ kind: 'pglite', dataDir }),
    location: ['pglite', dataDir, ''],
    async cleanup() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  const schema =
    `test_${suite.replace(/\W/g, '_')}_${process.pid}_${Math.floor(Math.random() * 1e9)}`.toLowerCase();
  const url = POSTGRES_URL;
  const options: StoreOptions | undefined = url ? { kind: 'postgres', url, schema } : undefined;
  const postgres: TestEngine = {
    name: 'postgres',
    skip:
      options === undefined
        ? 'PostgreSQL variant skipped: set BOURSE_TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run it'
        : false,
    location: ['postgres', url ?? '', schema],
    open: () => {
      if (options === undefined) throw new Error('BOURSE_TEST_DATABASE_URL is not set');
      return openStore(options);
    },
    async cleanup() {
      if (url === undefined) return;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
  return [pglite, postgres];
}

/**
 * Opens the engine's store before the tests of the enclosing suite and closes and removes it after
 * them; returns the store's getter.
 */
export function useStore(engine: TestEngine): () => Store {
  let store: Store | undefined;
  before(async () => {
    store = await engine.open();
  });
  after(async () => {
    await store?.close();
    await engine.cleanup();
  });
  return () => {
    if (!store) throw new Error(`the ${engine.name} store is not open`);
    return store;
  };
}
