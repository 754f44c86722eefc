import { BourseError } from '../core/errors.js';
import { type Adjustment, continuousBars } from '../data/continuous.js';
import type { BarSeries } from '../data/load-bars.js';
import { calendarRolls, type Roll, volumeRolls } from '../data/rolls.js';
import { parseInstrumentId } from '../model/identifiers.js';
import type { FutureContract } from '../model/instruments.js';

/** How a continuous contract is built from the contracts of a file. */
export interface ContinuousChoice {
  readonly adjustment: Adjustment;
  /** `volume`: roll when the next contract's daily volume overtakes; a number: business days before the last trade. */
  readonly roll: 'volume' | number;
}

/**
 * Joins the futures contracts of a file into one continuous series traded as a synthetic
 * instrument (`ES-CONT.CME`) with the contracts' specification: the research view of a futures
 * history. Returns the series and the rolls it went through.
 */
export function continuousSeries(
  contracts: readonly BarSeries[],
  choice: ContinuousChoice,
  file: string,
): { series: BarSeries; rolls: readonly Roll[] } {
  const futures = contracts.filter(
    (s) => s.instrument.kind === 'future' && s.instrument.contractMonth !== '',
  );
  if (futures.length === 0) {
    throw new BourseError(
      'CONTINUOUS_NEEDS_FUTURES',
      `${file}: --continuous needs a file of listed futures contracts`,
    );
  }
  const rolls =
    choice.roll === 'volume' ? volumeRolls(futures) : calendarRolls(futures, { businessDays: choice.roll });
  const joined = continuousBars(futures, rolls, { adjustment: choice.adjustment });
  const latest = (
    rolls.length > 0 ? futures.find((s) => s.instrument.id === rolls[rolls.length - 1].to) : futures[0]
  )!.instrument as FutureContract;
  const id = joined.barType.instrumentId;
  const instrument: FutureContract = {
    ...latest,
    id,
    symbol: parseInstrumentId(id).symbol,
    contractMonth: '',
    expiry: undefined,
    description: `${latest.root} continuous (${choice.adjustment}, roll ${choice.roll === 'volume' ? 'on volume' : `${choice.roll} business days before expiry`})`,
  };
  return { series: { instrument, barType: joined.barType, bars: joined.bars }, rolls };
}
