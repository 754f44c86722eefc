/** Running one CLI command, or any work that writes to the terminal, inside the test process. */
import { Command } from 'commander';

/**
 * Runs `work` with everything written to stdout and stderr captured instead of printed. Only for work
 * that ends at once: the test runner reports to its parent on stdout too, so a long run would capture
 * that as well.
 */
export async function captured<T>(
  work: () => Promise<T>,
): Promise<{ result: T; stdout: string; stderr: string }> {
  const written = { stdout: '', stderr: '' };
  const { stdout, stderr } = { stdout: process.stdout.write, stderr: process.stderr.write };
  process.stdout.write = ((chunk: string) => {
    written.stdout += chunk;
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => {
    written.stderr += chunk;
    return true;
  }) as typeof process.stderr.write;
  try {
    return { result: await work(), ...written };
  } finally {
    process.stdout.write = stdout;
    process.stderr.write = stderr;
  }
}

/**
 * Runs one command, registered on its own program by `add`, in this process (importing the whole CLI
 * costs seconds); `error` is the message of what it threw ('' when it succeeded), as main.ts would print.
 */
export async function commandInProcess(add: (program: Command) => void, ...args: string[]) {
  const program = new Command('bourse').exitOverride();
  add(program);
  const run = await captured(async () => {
    try {
      await program.parseAsync(['node', 'bourse', ...args]);
      return '';
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  });
  return { stdout: run.stdout, stderr: run.stderr, error: run.result };
}
