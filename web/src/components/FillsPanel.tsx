/** Executions, newest first. */
import type { FillView } from '../api/types';
import { formatMoney, formatPrice, formatQuantity, formatTime } from '../format';
import { useDashboard } from '../state/context';
import { Badge } from './Badge';
import { type Column, DataTable } from './DataTable';
import { Panel } from './Panel';

export function FillsPanel() {
  const fills = useDashboard((state) => state.fills);
  const instruments = useDashboard((state) => state.instruments);

  const columns: readonly Column<FillView>[] = [
    { header: 'Time', cell: (f) => <span className="mono">{formatTime(f.ts)}</span> },
    { header: 'Order', cell: (f) => <span className="mono">{f.clientOrderId}</span> },
    { header: 'Instrument', cell: (f) => f.instrumentId },
    { header: 'Side', cell: (f) => <Badge>{f.side}</Badge> },
    { header: 'Qty', numeric: true, cell: (f) => formatQuantity(f.quantity, instruments[f.instrumentId]) },
    { header: 'Price', numeric: true, cell: (f) => formatPrice(f.price, instruments[f.instrumentId]) },
    { header: 'Commission', numeric: true, cell: (f) => formatMoney(f.commission, f.currency) },
    { header: 'Liquidity', cell: (f) => f.liquidity },
    { header: 'Strategy', cell: (f) => f.strategyId },
  ];

  return (
    <Panel area="area-fills" title="Fills">
      <DataTable
        testId="fills-table"
        rows={fills}
        columns={columns}
        rowKey={(f) => f.tradeId}
        rowAttributes={(f) => ({ 'data-testid': 'fill-row', 'data-order-id': f.clientOrderId })}
        empty="No fills"
      />
    </Panel>
  );
}
