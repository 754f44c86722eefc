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
export {
  type BarSource,
  itemStartTime,
  type MarketDataSource,
  type PlayOptions,
  ReplayDriver,
} from './replay.js';
export { parseFilterTime } from './time-format.js';
export { SimAccountBook, type SimAccountValues, type SimPosition } from './venue/account-book.js';
export { SimOrderBook } from './venue/order-book.js';
export { SimVenue, type SimVenueOptions } from './venue/sim-venue.js';
export {
  type IbOrderRequest,
  type IbOrderStatus,
  OrderErrorCode,
  SIM_ORDER_TYPES,
  type SimOrderType,
  type VenueExecution,
  type VenueNotice,
  type VenueOrder,
  type VenueRefusal,
} from './venue/types.js';
