/** The order blotter, with cancel buttons for open orders. */
import { useMemo, useState } from 'react';
import { api } from '../api/endpoints';
import type { OrderView } from '../api/types';
import { useCanTrade } from '../auth';
import { formatPrice, formatQuantity, formatTime } from '../format';
import { isOpenOrder } from '../orderStatus';
import { useDashboard } from '../state/context';
import { Badge } from './Badge';
import { type Column, DataTable } from './DataTable';
import { Panel } from './Panel';
import { useAction } from './useAction';

export function OrdersPanel() {
  const orders = useDashboard((state) => state.orders);
  const instruments = useDashboard((state) => state.instruments);
  const canTrade = useCanTrade();
  const cancel = useAction();
  const [openOnly, setOpenOnly] = useState(false);

  const rows = useMemo(
    () => (openOnly ? orders.filter((o) => isOpenOrder(o.status)) : orders),
    [orders, openOnly],
  );

  const columns: Column<OrderView>[] = [
    { header: 'Time', cell: (o) => <span className="mono">{formatTime(o.tsInit)}</span> },
    { header: 'Order', cell: (o) => <span className="mono">{o.clientOrderId}</span> },
    { header: 'Instrument', cell: (o) => o.instrumentId },
    { header: 'Side', cell: (o) => <Badge>{o.side}</Badge> },
    { header: 'Type', cell: (o) => o.type },
    {
      header: 'Filled / Qty',
      numeric: true,
      cell: (o) =>
        `${formatQuantity(o.filledQuantity, instruments[o.instrumentId])} / ${formatQuantity(o.quantity, instruments[o.instrumentId])}`,
    },
    { header: 'Price', numeric: true, cell: (o) => formatPrice(o.price, instruments[o.instrumentId]) },
    {
      header: 'Trigger',
      numeric: true,
      cell: (o) => formatPrice(o.triggerPrice, instruments[o.instrumentId]),
    },
    {
      header: 'Avg fill',
      numeric: true,
      cell: (o) => formatPrice(o.averagePrice, instruments[o.instrumentId]),
    },
    { header: 'TIF', cell: (o) => o.timeInForce },
    {
      header: 'Status',
      cell: (o) => (
        <>
          <Badge title={o.reason}>{o.status}</Badge>
          {o.reason && <div className="reason">{o.reason}</div>}
        </>
      ),
    },
    { header: 'Strategy', cell: (o) => o.strategyId },
  ];
  if (canTrade) {
    columns.push({
      header: '',
      cell: (o) =>
        isOpenOrder(o.status) && (
          <button
            type="button"
            className="button small danger-outline"
            data-testid="order-cancel"
            disabled={cancel.pending === o.clientOrderId}
            onClick={() => cancel.run(o.clientOrderId, () => api.cancelOrder(o.clientOrderId))}
          >
            Cancel
          </button>
        ),
    });
  }

  return (
    <Panel
      area="area-orders"
      title="Orders"
      actions={
        <label className="checkbox">
          <input type="checkbox" checked={openOnly} onChange={(event) => setOpenOnly(event.target.checked)} />{' '}
          Open only
        </label>
      }
    >
      {cancel.error && <p className="message error">Cancel failed: {cancel.error}</p>}
      <DataTable
        testId="orders-table"
        rows={rows}
        columns={columns}
        rowKey={(o) => o.clientOrderId}
        rowAttributes={(o) => ({
          'data-testid': 'order-row',
          'data-status': o.status,
          'data-order-id': o.clientOrderId,
        })}
        empty={openOnly ? 'No open orders' : 'No orders'}
      />
    </Panel>
  );
}
