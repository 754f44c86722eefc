/** A finished backtest: summary statistics, equity and drawdown curves, and the trades. */
import type { BacktestResultView, BacktestTradeView } from '../../api/types';
import { TimeSeriesChart } from '../../charts/TimeSeriesChart';
import { chartColors } from '../../charts/useChart';
import {
  formatDateTime,
  formatMoney,
  formatNumber,
  formatPercent,
  formatPrice,
  formatValue,
} from '../../format';
import { useDashboard } from '../../state/context';
import { Badge } from '../Badge';
import { type Column, DataTable } from '../DataTable';
import { Pnl } from '../Pnl';

const SHOWN_TRADES = 500;

type SummaryRow = readonly [name: string, value: string];

const summaryColumns: readonly Column<SummaryRow>[] = [
  { header: 'Statistic', cell: ([name]) => <span className="muted">{name}</span> },
  { header: 'Value', numeric: true, cell: ([, value]) => value },
];

const formatDrawdown = (value: number) => formatPercent(value, 2);

/** Statistics are plain numbers; the ones named as times are µs timestamps. */
function formatStatistic(name: string, value: number | string | null): string {
  return typeof value === 'number' && /time|date/i.test(name) ? formatDateTime(value) : formatValue(value);
}

export function Tearsheet({ result, tearsheetUrl }: { result: BacktestResultView; tearsheetUrl: string }) {
  const instruments = useDashboard((state) => state.instruments);
  const { summary } = result;

  const rows: SummaryRow[] = [
    ['Final value', formatMoney(summary.finalValue)],
    ['Total return', formatPercent(summary.totalReturn)],
    ['Max drawdown', formatPercent(summary.maxDrawdown)],
    ['Sharpe', formatNumber(summary.sharpe, 2)],
    ['Trades', formatNumber(summary.trades, 0)],
    ...Object.entries(summary.statistics).map(
      ([name, value]): SummaryRow => [name, formatStatistic(name, value)],
    ),
  ];

  const tradeColumns: readonly Column<BacktestTradeView>[] = [
    { header: 'Instrument', cell: (t) => t.instrumentId },
    { header: 'Side', cell: (t) => <Badge>{t.side}</Badge> },
    { header: 'Qty', numeric: true, cell: (t) => formatNumber(t.quantity, 8) },
    { header: 'Entry', cell: (t) => <span className="mono">{formatDateTime(t.entryTime)}</span> },
    {
      header: 'Entry price',
      numeric: true,
      cell: (t) => formatPrice(t.entryPrice, instruments[t.instrumentId]),
    },
    { header: 'Exit', cell: (t) => <span className="mono">{formatDateTime(t.exitTime)}</span> },
    {
      header: 'Exit price',
      numeric: true,
      cell: (t) => formatPrice(t.exitPrice, instruments[t.instrumentId]),
    },
    { header: 'P&L', numeric: true, cell: (t) => <Pnl value={t.pnl} /> },
  ];

  return (
    <div className="tearsheet">
      <div className="tearsheet-summary">
        <DataTable
          testId="backtest-summary"
          rows={rows}
          columns={summaryColumns}
          rowKey={([name]) => name}
          empty="No statistics"
        />
        <a className="button ghost" href={tearsheetUrl} target="_blank" rel="noopener noreferrer">
          Open HTML tearsheet ↗
        </a>
      </div>
      <div className="tearsheet-charts">
        <h3>Equity</h3>
        <TimeSeriesChart
          testId="equity-chart"
          points={result.equity}
          variant="line"
          color={chartColors.accent}
        />
        <h3>Drawdown</h3>
        <TimeSeriesChart
          testId="drawdown-chart"
          points={result.drawdown}
          variant="area"
          color={chartColors.down}
          format={formatDrawdown}
        />
      </div>
      <div className="tearsheet-trades">
        <h3>
          Trades{' '}
          {result.trades.length > SHOWN_TRADES && (
            <span className="muted small">
              (last {SHOWN_TRADES} of {result.trades.length})
            </span>
          )}
        </h3>
        <DataTable
          rows={result.trades.slice(-SHOWN_TRADES)}
          columns={tradeColumns}
          rowKey={(t) => `${t.instrumentId}-${t.entryTime}-${t.exitTime}-${t.side}`}
          empty="No trades"
        />
      </div>
    </div>
  );
}
