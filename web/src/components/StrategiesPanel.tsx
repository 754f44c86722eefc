/** Strategies with their state and parameters; traders start and stop them. */
import { api } from '../api/endpoints';
import type { StrategyView } from '../api/types';
import { useCanTrade } from '../auth';
import { formatValue } from '../format';
import { useDashboard, useDispatch } from '../state/context';
import { Badge } from './Badge';
import { type Column, DataTable } from './DataTable';
import { Panel } from './Panel';
import { useAction } from './useAction';

/** Component states a strategy can be started from (core/component.ts); only `running` stops. */
const STARTABLE = new Set(['ready', 'stopped']);

export function StrategiesPanel() {
  const strategies = useDashboard((state) => state.strategies);
  const dispatch = useDispatch();
  const canTrade = useCanTrade();
  const action = useAction();

  const toggle = (strategy: StrategyView, start: boolean) =>
    action.run(strategy.id, async () => {
      await (start ? api.startStrategy(strategy.id) : api.stopStrategy(strategy.id));
      dispatch({ type: 'strategies-loaded', strategies: await api.strategies() });
    });

  const columns: Column<StrategyView>[] = [
    { header: 'Strategy', cell: (s) => <span className="mono">{s.id}</span> },
    { header: 'Name', cell: (s) => s.name },
    { header: 'State', cell: (s) => <Badge>{s.state}</Badge> },
    { header: 'Params', cell: (s) => <span className="mono params">{formatValue(s.params)}</span> },
  ];
  if (canTrade) {
    columns.push({
      header: '',
      cell: (s) => (
        <div className="button-row compact">
          <button
            type="button"
            className="button small"
            data-testid="strategy-start"
            disabled={action.pending === s.id || !STARTABLE.has(s.state)}
            onClick={() => toggle(s, true)}
          >
            Start
          </button>
          <button
            type="button"
            className="button small"
            data-testid="strategy-stop"
            disabled={action.pending === s.id || s.state !== 'running'}
            onClick={() => toggle(s, false)}
          >
            Stop
          </button>
        </div>
      ),
    });
  }

  return (
    <Panel area="area-strategies" title="Strategies">
      {action.error && <p className="message error">{action.error}</p>}
      <DataTable
        rows={strategies}
        columns={columns}
        rowKey={(s) => s.id}
        rowAttributes={(s) => ({
          'data-testid': 'strategy-row',
          'data-strategy-id': s.id,
          'data-state': s.state,
        })}
        empty="No strategies"
      />
    </Panel>
  );
}
