export * from './ib-futures.js';
export * from './ib-stocks.js';
export * from './schedule.js';
export * from './simple.js';
export * from './types.js';
