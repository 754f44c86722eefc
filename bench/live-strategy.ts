/**
 * Bench-only strategy for `bench:live`: answers every quote with an order command. It keeps one
 * passive buy limit of 1 working `ticksAway` ticks below the best bid and moves it on each quote
 * (cancel/replace as a modify), alternating between `ticksAway` and `ticksAway + 1` so that every
 * quote changes the price and sends a command even when the bid did not move. Far below the market,
 * it does not fill in this replay, so the position stays flat.
 */
import type { QuoteTick } from '../src/model/data.js';
import type { InstrumentId } from '../src/model/identifiers.js';
import type { Order } from '../src/model/order.js';
import { Strategy } from '../src/strategy/strategy.js';

export interface QuoteAnswererParams {
  readonly instrumentId: InstrumentId;
  /** Distance below the best bid, in ticks (default 8). */
  readonly ticksAway?: number;
}

export class QuoteAnswerer extends Strategy<QuoteAnswererParams> {
  /** Quotes answered with a command, and those that found the order still in flight. */
  answered = 0;
  skipped = 0;
  private order: Order | undefined;
  private farther = false;

  constructor(
    id: string,
    params: QuoteAnswererParams,
    /** Called with each quote the strategy answers, as it sends the command. */
    private readonly onAnswer: (quote: QuoteTick) => void = () => {},
  ) {
    super(id, params);
  }

  protected override onStart(): void {
    this.subscribeQuotes(this.params.instrumentId);
  }

  override onQuote(quote: QuoteTick): void {
    const grid = this.cache.requireInstrument(quote.instrumentId).priceGrid;
    this.farther = !this.farther;
    const away = (this.params.ticksAway ?? 8) + (this.farther ? 1 : 0);
    const price = grid.fromTicks(grid.toTicks(quote.bidPrice) - away);
    const order = this.order;
    if (order === undefined || order.isTerminal) {
      this.order = this.buy(quote.instrumentId, 1, { price });
    } else if (order.status === 'accepted') {
      this.modify(order, { price });
    } else {
      // Submitted or pending-update: the broker has not answered the last command yet.
      this.skipped++;
      return;
    }
    this.answered++;
    this.onAnswer(quote);
  }
}
