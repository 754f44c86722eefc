import type { Order } from '../../model/order.js';
import type { UnixMicros } from '../../model/time.js';
import { ExecutionAlgorithm } from './algorithm.js';
import type { AlgorithmContext, AlgorithmHandle, AlgorithmSpec, ParentOrder } from './types.js';

export interface IcebergParams extends ParentOrder {
  /** The tranches are limit orders at this price. */
  readonly limitPrice: number;
  /** Quantity shown at a time (on the size grid). */
  readonly displayQuantity: number;
  /** Optional deadline: the working tranche is canceled and the algorithm ends `expired`. */
  readonly deadline?: UnixMicros;
}

/**
 * Shows `displayQuantity` at a time as a limit order; when a tranche has filled completely the next
 * one (the display quantity, or what is left) is sent, until the parent is done. A partly filled
 * tranche keeps working: only its full fill releases the next.
 */
export class Iceberg extends ExecutionAlgorithm {
  constructor(
    context: AlgorithmContext,
    private readonly params: IcebergParams,
  ) {
    super(context, 'iceberg', params);
    const grid = this.instrument.sizeGrid;
    if (!(params.displayQuantity > 0) || !grid.contains(params.displayQuantity))
      throw new RangeError(
        `iceberg: display quantity ${params.displayQuantity} must be positive and a multiple of ${grid.increment}`,
      );
  }

  protected onStart(): void {
    if (this.params.deadline !== undefined)
      this.setTimeAlert('deadline', this.params.deadline, () => this.finish('expired'));
    this.sendChild(this.params.displayQuantity);
  }

  protected override onChildEnded(order: Order): void {
    if (order.status === 'filled' && this.workingQuantity === 0) this.sendChild(this.params.displayQuantity);
  }
}

export function iceberg(params: IcebergParams): AlgorithmSpec {
  return { start: (context): AlgorithmHandle => new Iceberg(context, params).start() };
}
