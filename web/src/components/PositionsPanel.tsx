/** Open and closed-out positions with their P&L. */
import type { PositionView } from '../api/types';
import { formatPrice, formatQuantity } from '../format';
import { useDashboard } from '../state/context';
import { Badge } from './Badge';
import { type Column, DataTable } from './DataTable';
import { Panel } from './Panel';
import { Pnl } from './Pnl';

function sideOf(quantity: number): 'long' | 'short' | 'flat' {
  return quantity > 0 ? 'long' : quantity < 0 ? 'short' : 'flat';
}

export function PositionsPanel() {
  const positions = useDashboard((state) => state.positions);
  const instruments = useDashboard((state) => state.instruments);

  const columns: readonly Column<PositionView>[] = [
    { header: 'Instrument', cell: (p) => p.instrumentId },
    { header: 'Side', cell: (p) => <Badge>{sideOf(p.quantity)}</Badge> },
    {
      header: 'Qty',
      numeric: true,
      cell: (p) => formatQuantity(Math.abs(p.quantity), instruments[p.instrumentId]),
    },
    {
      header: 'Avg price',
      numeric: true,
      cell: (p) => formatPrice(p.averagePrice, instruments[p.instrumentId]),
    },
    { header: 'Unrealized', numeric: true, cell: (p) => <Pnl value={p.unrealizedPnl} /> },
    { header: 'Realized', numeric: true, cell: (p) => <Pnl value={p.realizedPnl} /> },
    { header: 'Ccy', cell: (p) => p.currency },
  ];

  return (
    <Panel area="area-positions" title="Positions">
      <DataTable
        testId="positions-table"
        rows={positions}
        columns={columns}
        rowKey={(p) => p.instrumentId}
        rowAttributes={(p) => ({ 'data-instrument-id': p.instrumentId })}
        empty="No positions"
      />
    </Panel>
  );
}
