/** The contract a market-data request names, resolved against the simulator's listing. */
import type { Instrument } from '../../../../model/instruments.js';
import type { ContractQuery, SimContract } from '../contracts.js';
import { describeQuery } from '../handlers/contracts.js';
import { instrumentOfContract, type SimServer } from '../handlers/index.js';

export interface MarketDataTarget {
  readonly contract: SimContract;
  readonly instrument: Instrument;
}

/** The one listed contract matching `query`, or the text of IB's error 200 when none/several match. */
export function resolveTarget(sim: SimServer, query: ContractQuery): MarketDataTarget | string {
  const found = sim.catalog.find(query, sim.now());
  if (found.length === 1) return { contract: found[0], instrument: instrumentOfContract(found[0]) };
  return found.length === 0
    ? 'No security definition has been found for the request'
    : `The contract description specified for ${describeQuery(query)} is ambiguous (${found.length} contracts)`;
}

/** How IB names a contract in HMDS errors: `ESZ3@CME Trades`. */
export function hmdsName(contract: SimContract, whatToShow: string): string {
  const what = whatToShow.charAt(0).toUpperCase() + whatToShow.slice(1).toLowerCase();
  return `${contract.localSymbol}@${contract.exchange} ${what}`;
}
