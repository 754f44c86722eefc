export { type IbNode, type IbNodeOptions, type IbTradingPlan, startIbNode } from './ib-node.js';
export { type IbBarFeedOptions, ibBarFeed, ibBroker, ibConnectionEvents } from './ib-ports.js';
