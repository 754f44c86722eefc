import { z } from 'zod';

/** Parameter builders shared by the momentum definitions. */
export const source = () =>
  z
    .enum(['close', 'open', 'high', 'low', 'hl2', 'hlc3', 'ohlc4'])
    .default('close')
    .describe('bar price the indicator reads');

export const period = (fallback: number, description: string, min = 1) =>
  z.number().int().min(min).default(fallback).describe(description);

/** Refuses fast >= slow with a parameter error rather than a RangeError from the constructor. */
export const fastBelowSlow = (p: { fast: number; slow: number }) => p.fast < p.slow;
export const fastBelowSlowMessage = { message: 'fast must be shorter than slow', path: ['fast'] };
