/** General numerical methods shared by the analytics areas. */

export * from './matrix.js';
export { type Minimum, type NelderMeadOptions, nelderMead } from './nelder-mead.js';
