export * from './models.js';
export * from './prng.js';
export * from './types.js';
