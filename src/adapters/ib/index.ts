export * from './protocol/index.js';
export * from './sim/index.js';
