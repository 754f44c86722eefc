/** Balances per account. */
import { formatDateTime, formatMoney } from '../format';
import { useDashboard } from '../state/context';
import { Figures } from './Figures';
import { Panel } from './Panel';
import { Pnl } from './Pnl';

export function AccountPanel() {
  const accounts = useDashboard((state) => state.accounts);
  return (
    <Panel area="area-account" title="Account" testId="account-panel">
      {accounts.length === 0 && <p className="empty">No account data</p>}
      {accounts.map((account) => (
        <div key={account.accountId} className="account">
          <div className="account-title">
            <span>{account.accountId}</span>
            <span className="muted">
              {account.venue} · {account.currency}
            </span>
          </div>
          <Figures
            items={[
              ['Balance', formatMoney(account.balance)],
              ['Equity', formatMoney(account.equity)],
              ['Margin', formatMoney(account.margin)],
              ['Realized P&L', <Pnl key="realized" value={account.realizedPnl} />],
              ['Unrealized P&L', <Pnl key="unrealized" value={account.unrealizedPnl} />],
            ]}
          />
          <div className="muted small">as of {formatDateTime(account.ts)}</div>
        </div>
      ))}
    </Panel>
  );
}
