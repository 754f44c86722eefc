/** The WebSocket's state: connected, reconnecting (with the attempt number) or offline. */
import { useDashboard } from '../state/context';

export function ConnectionIndicator() {
  const { status, attempt } = useDashboard((state) => state.connection);
  return (
    <div className={`connection connection-${status}`} title="Live stream">
      <span className="dot" aria-hidden="true" />
      <span data-testid="connection-status">{status}</span>
      {status === 'reconnecting' && attempt > 0 && <span className="muted">attempt {attempt}</span>}
    </div>
  );
}
