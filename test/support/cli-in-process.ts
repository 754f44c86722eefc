/** Running the CLI's `main` inside the test process (fast: no new Node, no tsx start-up). */
import { main } from '../../src/cli/main.js';
import { captured } from './command-in-process.js';

/** Runs the CLI's `main` in this process: its exit code and what it wrote (flag errors and the like). */
export async function bourseInProcess(...args: string[]) {
  const run = await captured(() => main(['node', 'bourse', ...args]));
  return { code: run.result, stdout: run.stdout, stderr: run.stderr };
}
