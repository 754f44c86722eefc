/** Input checks of the matchers: bad input throws a RangeError naming the field. */
import type { Side, SubmitSpec, TimeInForce } from './types.js';

export function checkOurId(id: number): void {
  if (!Number.isSafeInteger(id) || id >= 0) {
    throw new RangeError(`id must be a negative safe integer (our orders), got ${id}`);
  }
}

export function checkQuantity(field: string, value: number): void {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`${field} must be a positive integer, got ${value}`);
  }
}

export function checkTick(field: string, value: number): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${field} must be an integer tick, got ${value}`);
}

export function checkSize(field: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${field} must be a non-negative integer, got ${value}`);
  }
}

export function checkSide(field: string, value: string): Side {
  if (value !== 'buy' && value !== 'sell')
    throw new RangeError(`${field} must be 'buy' or 'sell', got ${value}`);
  return value;
}

/** Checks a SubmitSpec; returns its time in force (default GTC). */
export function checkSpec(spec: SubmitSpec): TimeInForce {
  checkOurId(spec.id);
  checkSide('side', spec.side);
  checkQuantity('quantity', spec.quantity);
  if (spec.limitTick !== undefined) checkTick('limitTick', spec.limitTick);
  const tif = spec.timeInForce ?? 'GTC';
  if (tif !== 'GTC' && tif !== 'IOC' && tif !== 'FOK') {
    throw new RangeError(`timeInForce must be GTC, IOC or FOK, got ${tif}`);
  }
  if (spec.postOnly === true) {
    if (spec.limitTick === undefined)
      throw new RangeError('postOnly needs a limitTick (a market order takes)');
    if (tif !== 'GTC') throw new RangeError(`postOnly needs timeInForce GTC, got ${tif}`);
  }
  if (spec.displayQuantity !== undefined) {
    checkQuantity('displayQuantity', spec.displayQuantity);
    if (spec.displayQuantity > spec.quantity) {
      throw new RangeError(
        `displayQuantity must not exceed quantity, got ${spec.displayQuantity} > ${spec.quantity}`,
      );
    }
    if (spec.limitTick === undefined)
      throw new RangeError('displayQuantity needs a limitTick (an iceberg rests)');
  }
  return tif;
}
