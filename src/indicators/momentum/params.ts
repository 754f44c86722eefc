import { periodParam, sourceParam } from '../params.js';

export const source = sourceParam;
export const period = periodParam;

/** Refuses fast >= slow with a parameter error rather than a RangeError from the constructor. */
export const fastBelowSlow = (p: { fast: number; slow: number }) => p.fast < p.slow;
export const fastBelowSlowMessage = { message: 'fast must be shorter than slow', path: ['fast'] };
