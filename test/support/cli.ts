/** Running the real `bourse` CLI from the tests (no config file), and the published reference run. */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';

export const root = new URL('../../', import.meta.url).pathname;

const ARGS = ['--import', 'tsx', 'src/cli/main.ts'];
const OPTIONS = { cwd: root, encoding: 'utf8', env: { ...process.env, BOURSE_CONFIG: '' } } as const;

/** Runs the CLI and waits for it. */
export function bourse(...args: string[]) {
  return bourseWithEnv({}, ...args);
}

/** Runs the CLI with extra environment variables (a test's own store directory…) and waits for it. */
export function bourseWithEnv(env: Record<string, string>, ...args: string[]) {
  const run = spawnSync(process.execPath, [...ARGS, ...args], {
    ...OPTIONS,
    env: { ...OPTIONS.env, ...env },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const execFileAsync = promisify(execFile);

/** Runs the CLI without blocking; never throws on a non-zero exit. */
export async function bourseAsync(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const out = await execFileAsync(process.execPath, [...ARGS, ...args], OPTIONS);
    return { code: 0, stdout: out.stdout, stderr: out.stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** The published reference run (backtrader's test): sma-cross fast=1 slow=15 on 2006-day-001, 10,000 cash. */
export const REFERENCE_RUN = [
  'backtest',
  '--data',
  'data/2006-day-001.txt',
  '--strategy',
  'sma-cross',
  '--param',
  'fast=1',
  '--param',
  'slow=15',
  '--cash',
  '10000',
];
