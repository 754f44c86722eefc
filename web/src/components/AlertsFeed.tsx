/** Alerts and log lines from the stream, newest first. */
import { formatTime } from '../format';
import { useDashboard } from '../state/context';
import { Badge } from './Badge';
import { Panel } from './Panel';

export function AlertsFeed() {
  const feed = useDashboard((state) => state.feed);
  return (
    <Panel area="area-alerts" title="Alerts & log">
      {feed.length === 0 && <p className="empty">No alerts or log messages yet</p>}
      <ul className="feed" data-testid="alerts-feed">
        {feed.map((item) => (
          <li key={item.id} className={`feed-item feed-${item.source}`}>
            <span className="mono muted">{formatTime(item.ts)}</span>
            <Badge>{item.level}</Badge>
            <span className="feed-message">
              {item.message}
              {item.detail && <span className="muted"> · {item.detail}</span>}
            </span>
          </li>
        ))}
      </ul>
    </Panel>
  );
}
