export * from './client/index.js';
export * from './live/index.js';
export * from './protocol/index.js';
export * from './sim/index.js';
