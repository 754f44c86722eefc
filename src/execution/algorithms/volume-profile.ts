import { type Bar, barOpenTime } from '../../model/data.js';
import { MICROS_PER_MINUTE, MICROS_PER_SECOND, type UnixMicros } from '../../model/time.js';
import { zonedParts } from '../../model/timezone.js';

/** The average share of a day's volume traded in each time-of-day bucket. */
export interface VolumeProfile {
  readonly bucketMinutes: number;
  readonly timeZone: string;
  /** Days with volume that went into the average. */
  readonly days: number;
  /** Buckets seen in the bars, by start minute of the local day; shares sum to 1. */
  readonly buckets: readonly { readonly startMinute: number; readonly share: number }[];
}

/**
 * Intraday volume profile of historical bars: each bar counts in the bucket of its open time
 * (local time in `timeZone`; bars without a fixed length use their close time), each local day's
 * bucket volumes become shares of that day's volume, and the profile is the mean share per bucket
 * over the days that had volume (a bucket missing on a day counts 0 that day).
 */
export function volumeProfile(bars: readonly Bar[], bucketMinutes: number, timeZone = 'UTC'): VolumeProfile {
  if (!Number.isInteger(bucketMinutes) || bucketMinutes < 1 || bucketMinutes > 1440)
    throw new RangeError(
      `volume profile: bucket minutes must be an integer in [1, 1440], got ${bucketMinutes}`,
    );
  const byDay = new Map<string, Map<number, number>>();
  for (const bar of bars) {
    const parts = zonedParts(barOpenTime(bar) ?? bar.tsEvent, timeZone);
    const start = Math.floor(parts.minuteOfDay / bucketMinutes) * bucketMinutes;
    let day = byDay.get(parts.date);
    if (!day) {
      day = new Map();
      byDay.set(parts.date, day);
    }
    day.set(start, (day.get(start) ?? 0) + bar.volume);
  }
  const sums = new Map<number, number>();
  let days = 0;
  for (const day of byDay.values()) {
    let total = 0;
    for (const v of day.values()) total += v;
    if (total <= 0) continue;
    days++;
    for (const [start, v] of day) sums.set(start, (sums.get(start) ?? 0) + v / total);
  }
  const buckets = [...sums.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([startMinute, sum]) => ({ startMinute, share: days > 0 ? sum / days : 0 }));
  return { bucketMinutes, timeZone, days, buckets };
}

/** The profile's share for the bucket holding `minuteOfDay` (0 for a bucket never seen). */
export function profileShare(profile: VolumeProfile, minuteOfDay: number): number {
  const start = Math.floor(minuteOfDay / profile.bucketMinutes) * profile.bucketMinutes;
  return profile.buckets.find((b) => b.startMinute === start)?.share ?? 0;
}

/** One VWAP step: send at `time`, weighted by the profile's share of that (part of a) bucket. */
export interface ProfileStep {
  readonly time: UnixMicros;
  readonly weight: number;
}

/**
 * Cuts [start, end) at the profile's bucket boundaries (local time) and weights each piece by its
 * bucket's share times the fraction of the bucket it covers. Pieces without volume are dropped.
 */
export function profileSteps(profile: VolumeProfile, start: UnixMicros, end: UnixMicros): ProfileStep[] {
  const bucketMicros = profile.bucketMinutes * MICROS_PER_MINUTE;
  const steps: ProfileStep[] = [];
  let t = start;
  while (t < end) {
    const parts = zonedParts(t, profile.timeZone);
    const subSecond = t - Math.floor(t / MICROS_PER_SECOND) * MICROS_PER_SECOND;
    const intoBucket =
      (parts.minuteOfDay % profile.bucketMinutes) * MICROS_PER_MINUTE +
      parts.second * MICROS_PER_SECOND +
      subSecond;
    const pieceEnd = Math.min(t - intoBucket + bucketMicros, end);
    const weight = profileShare(profile, parts.minuteOfDay) * ((pieceEnd - t) / bucketMicros);
    if (weight > 0) steps.push({ time: t, weight });
    t = pieceEnd;
  }
  return steps;
}
