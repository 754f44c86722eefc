/** Trading state, limits and recent denials; the kill switch for traders, resume for admins. */
import { useState } from 'react';
import { api } from '../api/endpoints';
import type { DenialView, KillView } from '../api/types';
import { useAuth, useCanTrade } from '../auth';
import { formatDateTime, formatTime, formatValue } from '../format';
import { useDashboard, useDispatch } from '../state/context';
import { Badge } from './Badge';
import { type Column, DataTable } from './DataTable';
import { Figures } from './Figures';
import { KillSwitchDialog } from './KillSwitchDialog';
import { Panel } from './Panel';
import { useAction } from './useAction';

const RECENT_DENIALS = 10;

const denialColumns: readonly Column<DenialView>[] = [
  { header: 'Time', cell: (d) => <span className="mono">{formatTime(d.ts)}</span> },
  { header: 'Order', cell: (d) => <span className="mono">{d.clientOrderId}</span> },
  { header: 'Code', cell: (d) => d.code },
  { header: 'Reason', cell: (d) => d.reason },
];

function killSummary(kill: KillView): string {
  return `Kill switch by ${kill.actor} at ${formatDateTime(kill.ts)}: ${kill.canceledOrders} orders canceled, ${kill.flattenedPositions} positions flattened (${kill.reason})`;
}

export function RiskPanel() {
  const risk = useDashboard((state) => state.risk);
  const dispatch = useDispatch();
  const canTrade = useCanTrade();
  const isAdmin = useAuth().me.role === 'admin';
  const [killing, setKilling] = useState(false);
  const resume = useAction();

  const refresh = async () => dispatch({ type: 'risk-loaded', risk: await api.risk() });
  const onKilled = () => {
    setKilling(false);
    refresh().catch(() => undefined);
  };

  const lastKill = risk?.kills.at(-1);
  const denials = risk ? risk.denials.slice(-RECENT_DENIALS).reverse() : [];
  const controls = (
    <>
      {canTrade && (
        <button
          type="button"
          className="button danger"
          data-testid="kill-switch"
          onClick={() => setKilling(true)}
        >
          Kill switch
        </button>
      )}
      {isAdmin && (
        <button
          type="button"
          className="button"
          data-testid="resume-trading"
          disabled={resume.pending !== null || risk?.tradingState === 'active'}
          onClick={() =>
            resume.run('resume', async () => {
              await api.setTradingState('active');
              await refresh();
            })
          }
        >
          Resume trading
        </button>
      )}
    </>
  );

  return (
    <Panel area="area-risk" title="Risk" actions={controls}>
      {risk ? (
        <>
          <div className="risk-state">
            <span className="label">Trading state</span>
            <Badge testId="risk-state">{risk.tradingState}</Badge>
            <span className="muted">{risk.deniedCount} denied</span>
          </div>
          {resume.error && <p className="message error">{resume.error}</p>}
          {lastKill && <p className="message warn">{killSummary(lastKill)}</p>}
          <h3>Limits</h3>
          {Object.keys(risk.limits).length === 0 ? (
            <p className="empty">No limits configured</p>
          ) : (
            <Figures items={Object.entries(risk.limits).map(([name, value]) => [name, formatValue(value)])} />
          )}
          <h3>Recent denials</h3>
          <DataTable
            rows={denials}
            columns={denialColumns}
            rowKey={(d) => `${d.ts}-${d.clientOrderId}`}
            empty="No denials"
          />
        </>
      ) : (
        <p className="empty">Loading risk…</p>
      )}
      {killing && <KillSwitchDialog onClose={() => setKilling(false)} onKilled={onKilled} />}
    </Panel>
  );
}
