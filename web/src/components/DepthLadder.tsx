/** L2 ladder for the chart's instrument: asks above, bids below; the top of book when there is no depth. */
import type { CSSProperties } from 'react';
import type { InstrumentView } from '../api/types';
import { formatPrice, formatQuantity } from '../format';
import { useDashboard, useInstrument } from '../state/context';
import { selectFocusInstrumentId } from '../state/dashboard';
import { Panel } from './Panel';

const LEVELS = 10;

type Level = readonly [price: number, size: number];

interface Ladder {
  readonly bids: readonly Level[];
  readonly asks: readonly Level[];
  readonly source: 'depth' | 'quote';
}

export function DepthLadder() {
  const instrumentId = useDashboard(selectFocusInstrumentId);
  const depth = useDashboard((state) => (instrumentId ? state.depth[instrumentId] : undefined));
  const quote = useDashboard((state) => (instrumentId ? state.quotes[instrumentId] : undefined));
  const instrument = useInstrument(instrumentId);

  let ladder: Ladder | null = null;
  if (depth && (depth.bids.length > 0 || depth.asks.length > 0)) {
    ladder = { bids: depth.bids.slice(0, LEVELS), asks: depth.asks.slice(0, LEVELS), source: 'depth' };
  } else if (quote) {
    ladder = {
      bids: [[quote.bidPrice, quote.bidSize]],
      asks: [[quote.askPrice, quote.askSize]],
      source: 'quote',
    };
  }

  return (
    <Panel
      area="area-depth"
      title="Depth"
      testId="depth-ladder"
      actions={<span className="muted">{instrumentId}</span>}
    >
      {ladder ? (
        <LadderTable ladder={ladder} instrument={instrument} />
      ) : (
        <p className="empty">No depth data</p>
      )}
    </Panel>
  );
}

function LadderTable({ ladder, instrument }: { ladder: Ladder; instrument?: InstrumentView }) {
  const maxSize = Math.max(
    1e-12,
    ...ladder.bids.map(([, size]) => size),
    ...ladder.asks.map(([, size]) => size),
  );
  const bestBid = ladder.bids[0]?.[0];
  const bestAsk = ladder.asks[0]?.[0];
  const spread = bestBid !== undefined && bestAsk !== undefined ? bestAsk - bestBid : null;
  const barStyle = (size: number): CSSProperties => ({ width: `${(size / maxSize) * 100}%` });

  return (
    <>
      {ladder.source === 'quote' && <p className="note">No depth data: top of book from quotes.</p>}
      <div className="table-scroll">
        <table className="ladder">
          <thead>
            <tr>
              <th className="numeric">Bid size</th>
              <th className="numeric">Price</th>
              <th className="numeric">Ask size</th>
            </tr>
          </thead>
          <tbody>
            {[...ladder.asks].reverse().map(([price, size]) => (
              <tr key={`ask-${price}`} className="ask">
                <td />
                <td className="numeric price">{formatPrice(price, instrument)}</td>
                <td className="numeric size">
                  <span className="size-bar" style={barStyle(size)} />
                  <span className="size-text">{formatQuantity(size, instrument)}</span>
                </td>
              </tr>
            ))}
            <tr className="spread">
              <td colSpan={3}>spread {spread === null ? '—' : formatPrice(spread, instrument)}</td>
            </tr>
            {ladder.bids.map(([price, size]) => (
              <tr key={`bid-${price}`} className="bid">
                <td className="numeric size">
                  <span className="size-bar" style={barStyle(size)} />
                  <span className="size-text">{formatQuantity(size, instrument)}</span>
                </td>
                <td className="numeric price">{formatPrice(price, instrument)}</td>
                <td />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
