import { useCallback, useEffect, useState } from 'react';
import { query } from '../api/client';
import type { Alert } from '../api/types';
import { isAdmin, useSession } from '../auth/session';
import { AlertItem } from '../components/AlertItem';
import { Empty, ErrorState, Loading } from '../components/States';
import { navigate, useLocation } from '../lib/router';
import { followStream, type StreamState } from '../lib/sse';
import { useCursorPages } from '../lib/useCursorPages';

const SEVERITY_RANK: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/** Unacknowledged first, then the newest; severity only breaks ties within the same second. */
export function sortAlerts(alerts: Alert[]): Alert[] {
  return [...alerts].sort(
    (a, b) =>
      Number(Boolean(a.acknowledged_at)) - Number(Boolean(b.acknowledged_at)) ||
      Date.parse(b.created_at) - Date.parse(a.created_at) ||
      (SEVERITY_RANK[a.severity] ?? 9) - (SEVERITY_RANK[b.severity] ?? 9),
  );
}

function merge(list: Alert[], alert: Alert): Alert[] {
  return list.some((a) => a.id === alert.id) ? list.map((a) => (a.id === alert.id ? alert : a)) : [alert, ...list];
}

const STREAM_LABEL: Record<StreamState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  stopped: 'Live updates off',
};

export function AlertsPage() {
  const { session } = useSession();
  const { search } = useLocation();
  const show = search.get('show') === 'all' ? 'all' : 'open';
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [stream, setStream] = useState<StreamState>('connecting');
  const [announcement, setAnnouncement] = useState('');

  const path = useCallback(
    (after: string | null) =>
      '/api/alerts' + query({ acknowledged: show === 'open' ? 'false' : undefined, limit: '100', cursor: after }),
    [show],
  );

  const {
    items: alerts,
    setItems: setAlerts,
    cursor,
    loading,
    error,
    reload,
    loadMore,
  } = useCursorPages<Alert>(path, (list, page) => page.reduce(merge, list), false);

  useEffect(() => {
    const controller = new AbortController();
    void followStream(
      '/api/alerts/stream',
      (message) => {
        try {
          const alert = JSON.parse(message.data) as Alert;
          if (!alert || !alert.id) {
            return;
          }
          setAlerts((list) => merge(list, alert));
          setFresh((ids) => new Set(ids).add(alert.id));
          setAnnouncement(`New ${alert.severity} alert: ${alert.message}`);
        } catch {
          // A keep-alive or a message that is not an alert: nothing to show.
        }
      },
      setStream,
      controller.signal,
    );
    return () => controller.abort();
  }, []);

  const acknowledged = (alert: Alert, conflict?: boolean) => {
    if (conflict) {
      setAnnouncement('Someone else acknowledged this alert already; the list was refreshed.');
      reload();
      return;
    }
    setAlerts((list) => merge(list, alert));
    setAnnouncement('Alert acknowledged.');
  };

  const sorted = sortAlerts(alerts);
  const openCount = alerts.filter((a) => !a.acknowledged_at).length;

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Alerts</h1>
          <p className="page-lead">Sensitive operations and integrity failures. New alerts appear here as they are raised.</p>
        </div>
        <div className="page-actions">
          <span className={`stream-status stream-${stream}`} role="status">
            <span className="stream-dot" aria-hidden="true" />
            {STREAM_LABEL[stream]}
          </span>
        </div>
      </header>

      <div className="tabs" role="group" aria-label="Which alerts">
        <button
          type="button"
          className={`tab ${show === 'open' ? 'is-active' : ''}`}
          aria-pressed={show === 'open'}
          onClick={() => navigate('/alerts')}
        >
          Unacknowledged{show === 'open' && !loading ? ` (${openCount}${cursor ? '+' : ''})` : ''}
        </button>
        <button
          type="button"
          className={`tab ${show === 'all' ? 'is-active' : ''}`}
          aria-pressed={show === 'all'}
          onClick={() => navigate('/alerts?show=all')}
        >
          All
        </button>
      </div>

      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
      {!isAdmin(session) && (
        <p className="banner banner-info">You can read alerts; acknowledging them needs the admin role.</p>
      )}

      {loading && <Loading label="Loading alerts…" />}
      {!loading && error && <ErrorState error={error} onRetry={reload} />}
      {!loading && !error && sorted.length === 0 && (
        <Empty title={show === 'open' ? 'No unacknowledged alerts' : 'No alerts yet'}>All quiet. New alerts will show up here live.</Empty>
      )}
      {!loading && sorted.length > 0 && (
        <ul className="alert-list">
          {sorted.map((alert) => (
            <AlertItem
              key={alert.id}
              alert={alert}
              isNew={fresh.has(alert.id)}
              canAcknowledge={isAdmin(session)}
              currentUserId={session?.userId}
              onAcknowledged={acknowledged}
            />
          ))}
        </ul>
      )}
      {!loading && cursor && (
        <div className="pager">
          <button type="button" className="btn" onClick={loadMore}>
            Load more
          </button>
        </div>
      )}
    </div>
  );
}
