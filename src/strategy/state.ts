/**
 * A strategy's saved state: what it needs to carry on after a restart without replaying its data.
 * The live node saves it in the store (`strategy_state`) and loads it before the strategy starts.
 */

/** A JSON value: what a strategy may keep in its saved state. */
export type StateValue = null | boolean | number | string | StateValue[] | { [key: string]: StateValue };

export interface SavedStrategyState {
  /** The last client order id sequence number used (ids stay unique across restarts). */
  readonly orderSequence: number;
  /** What the strategy's `onSaveState` returned. */
  readonly custom: StateValue;
}
