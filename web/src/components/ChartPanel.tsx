/** The price chart with its bar type picker and the last price. */
import { PriceChart } from '../charts/PriceChart';
import { formatPrice } from '../format';
import { useDashboard, useDispatch, useInstrument } from '../state/context';
import { Panel } from './Panel';

const NO_BAR_TYPES: readonly string[] = [];

export function ChartPanel() {
  const barTypes = useDashboard((state) => state.session?.barTypes ?? NO_BAR_TYPES);
  const barType = useDashboard((state) => state.chart.barType);
  const lastBar = useDashboard((state) => state.chart.bars.at(-1));
  const instrument = useInstrument(useDashboard((state) => state.chart.instrumentId));
  const dispatch = useDispatch();

  const picker =
    barTypes.length > 1 ? (
      <select
        aria-label="Bar type"
        value={barType ?? ''}
        onChange={(event) => dispatch({ type: 'chart-selected', barType: event.target.value })}
      >
        {barTypes.map((key) => (
          <option key={key} value={key}>
            {key}
          </option>
        ))}
      </select>
    ) : (
      <span className="muted mono">{barType}</span>
    );

  return (
    <Panel
      area="area-chart"
      title={
        <>
          Price{' '}
          {lastBar && <span className="mono title-figure">{formatPrice(lastBar.close, instrument)}</span>}
        </>
      }
      actions={picker}
    >
      <PriceChart />
    </Panel>
  );
}
