export { type IbNode, type IbNodeOptions, type IbTradingPlan, startIbNode } from './ib-node.js';
export { type IbBarFeedOptions, ibBarFeed, ibBroker, ibConnectionEvents } from './ib-ports.js';
export { type IbQuoteFeedKind, type IbQuoteFeedOptions, ibQuoteFeed } from './ib-quote-feed.js';
