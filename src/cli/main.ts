import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { BourseError } from '../core/errors.js';
import { strategyDefinitions } from '../strategy/registry.js';
import { registerSampleStrategies } from '../strategy/samples/index.js';
import { addBacktestCommand } from './backtest-command.js';
import { addBookCommand } from './book-command.js';
import { addCompareCommand } from './compare-command.js';
import { addDataCommand } from './data-command.js';
import { addIbGatewaySimCommand } from './ib-gateway-sim-command.js';
import { addIndicatorCommand } from './indicator-command.js';
import { addLiveCommand } from './live-command.js';
import { addMicrostructureCommand } from './microstructure-command.js';
import { addOptimizeCommand } from './optimize-command.js';
import { addOptionsCommand } from './options-command.js';
import { addPaperCommands } from './paper-command.js';
import { addPortfolioCommand } from './portfolio-command.js';
import { addRegimeCommand } from './regime-command.js';
import { addRiskCommand } from './risk-command.js';
import { addServeCommands } from './serve-command.js';
import { addSurfaceCommand } from './surface-command.js';
import { addWalkForwardCommand } from './walkforward-command.js';

export function buildProgram(): Command {
  const program = new Command('bourse')
    .description('Bourse: event-driven algorithmic trading — backtest, paper and live on one kernel')
    .version('0.1.0')
    .showHelpAfterError();
  addBacktestCommand(program);
  addOptimizeCommand(program);
  addCompareCommand(program);
  addWalkForwardCommand(program);
  addIndicatorCommand(program);
  addDataCommand(program);
  addBookCommand(program);
  addOptionsCommand(program);
  addSurfaceCommand(program);
  addRiskCommand(program);
  addPortfolioCommand(program);
  addMicrostructureCommand(program);
  addRegimeCommand(program);
  addPaperCommands(program);
  addServeCommands(program);
  addLiveCommand(program);
  addIbGatewaySimCommand(program);
  program
    .command('strategies')
    .description('list the available strategies and their parameters')
    .action(() => {
      registerSampleStrategies();
      for (const definition of strategyDefinitions()) {
        process.stdout.write(`${definition.name}\n  ${definition.description}\n`);
        for (const [key, schema] of Object.entries(definition.parameters.shape)) {
          const info = schema as { description?: string; def?: { defaultValue?: unknown } };
          const fallback = info.def?.defaultValue;
          process.stdout.write(
            `    --param ${key}=…  ${info.description ?? ''}${fallback !== undefined ? ` (default ${String(fallback)})` : ''}\n`,
          );
        }
      }
    });
  return program;
}

/**
 * Runs the CLI; resolves to the exit code (0 ok, 2 bad input, 1 unexpected failure). Async so that
 * commands may stream files and query databases.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram().exitOverride();
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof BourseError || error instanceof RangeError) {
      process.stderr.write(`error: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(
      `unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}

const invokedDirectly =
  process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) process.exitCode = await main(process.argv);
