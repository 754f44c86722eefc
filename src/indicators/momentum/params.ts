import { z } from 'zod';
import { periodParam, sourceParam } from '../params.js';

export const source = sourceParam;
export const period = periodParam;

/** Refuses fast >= slow with a parameter error rather than a RangeError from the constructor. */
export const fastBelowSlow = (p: { fast: number; slow: number }) => p.fast < p.slow;
export const fastBelowSlowMessage = { message: 'fast must be shorter than slow', path: ['fast'] };

/** fast/slow EMA periods (fast < slow), the signal EMA period and the price source: MACD, PPO. */
export const emaSpreadWithSignalParameters = () =>
  z
    .object({
      fast: period(12, 'fast EMA period', 2),
      slow: period(26, 'slow EMA period', 2),
      signal: period(9, 'EMA period of the signal line'),
      source: source(),
    })
    .refine(fastBelowSlow, fastBelowSlowMessage);
