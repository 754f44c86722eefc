/** Regular trading hours for `useRTH=1`: CME equity futures 08:30–15:00 Chicago, US stocks 09:30–16:00 New York. */
import type { UnixMicros } from '../../../../model/time.js';
import { zonedParts } from '../../../../model/timezone.js';
import type { SimContract } from '../contracts.js';

const HOURS: Readonly<Record<SimContract['secType'], { zone: string; from: number; to: number }>> = {
  FUT: { zone: 'America/Chicago', from: 8 * 60 + 30, to: 15 * 60 },
  STK: { zone: 'America/New_York', from: 9 * 60 + 30, to: 16 * 60 },
};

/** Whether something starting at `time` lies in the contract's regular hours (Monday–Friday). */
export function inRegularHours(contract: SimContract, time: UnixMicros): boolean {
  const hours = HOURS[contract.secType];
  const p = zonedParts(time, hours.zone);
  return p.weekday >= 1 && p.weekday <= 5 && p.minuteOfDay >= hours.from && p.minuteOfDay < hours.to;
}
