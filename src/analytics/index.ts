/**
 * The quant analytics library: pure numerical functions, depending on nothing in the kernel (see
 * docs/analytics.md). Each area is also importable on its own (`analytics/options/index.js`, …).
 */
export * as drift from './drift/index.js';
export * as microstructure from './microstructure/index.js';
export * as numerics from './numerics/index.js';
export * as options from './options/index.js';
export * as portfolio from './portfolio/index.js';
export * as regime from './regime/index.js';
export * as risk from './risk/index.js';
export * as statistics from './statistics/index.js';
export * as volatility from './volatility/index.js';
