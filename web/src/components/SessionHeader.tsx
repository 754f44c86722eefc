/** Top bar: the session (name, kind, state, data time, speed), the stream status and the user. */
import { useAuth } from '../auth';
import { formatDateTime, formatNumber } from '../format';
import { useDashboard } from '../state/context';
import { selectDataTime } from '../state/dashboard';
import { Badge } from './Badge';
import { ConnectionIndicator } from './ConnectionIndicator';

export function SessionHeader() {
  const session = useDashboard((state) => state.session);
  const dataTime = useDashboard(selectDataTime);
  const { me, logout } = useAuth();

  return (
    <header className="app-header">
      <div className="brand">Bourse</div>
      <div className="session-summary">
        {session ? (
          <>
            <span className="session-name" title="Session">
              {session.name}
            </span>
            <Badge tone="info">{session.kind}</Badge>
            <span className="field">
              <span className="label">State</span>
              <Badge testId="session-state">{session.state}</Badge>
            </span>
            <span className="field">
              <span className="label">Data time</span>
              <span className="mono">{formatDateTime(dataTime)}</span>
            </span>
            <span className="field">
              <span className="label">Speed</span>
              <span className="mono">
                {session.speed === null ? 'live' : `${formatNumber(session.speed, 2)}×`}
              </span>
            </span>
            <span className="field">
              <span className="label">Feed</span>
              <Badge tone={session.connected ? 'good' : 'bad'}>{session.connected ? 'up' : 'down'}</Badge>
            </span>
            {session.error && <span className="session-error">{session.error}</span>}
          </>
        ) : (
          <span className="muted">Loading session…</span>
        )}
      </div>
      <ConnectionIndicator />
      <div className="user">
        <span className="user-badge" data-testid="user-badge">
          {me.username} <span className="muted">({me.role})</span>
        </span>
        <button type="button" className="button ghost" data-testid="logout" onClick={logout}>
          Log out
        </button>
      </div>
    </header>
  );
}
