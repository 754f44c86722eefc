export {
  ContractCatalog,
  type ContractCatalogOptions,
  type ContractQuery,
  DEFAULT_STOCKS,
  futureConId,
  type SimContract,
  type SimStockSpec,
} from './contracts.js';
export { SimulatorControlApi } from './control-api.js';
export {
  formatConnectionTime,
  IbGatewaySimulator,
  type IbGatewaySimulatorOptions,
  SIM_MAX_SERVER_VERSION,
  SIM_MIN_SERVER_VERSION,
  type SimConnectionInfo,
} from './gateway-sim.js';
