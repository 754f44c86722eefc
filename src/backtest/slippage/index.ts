export { mulberry32 } from '../../analytics/statistics/random.js';
export * from './models.js';
export * from './types.js';
