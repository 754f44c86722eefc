export { mulberry32 } from '../../core/random.js';
export * from './models.js';
export * from './types.js';
