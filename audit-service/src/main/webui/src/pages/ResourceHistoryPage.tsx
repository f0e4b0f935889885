import { useState, type FormEvent } from 'react';
import { getJson, query } from '../api/client';
import { historyEntries, isTruncated, resourceState } from '../api/history';
import { ActionBadge } from '../components/Badges';
import { Mono } from '../components/Copy';
import { DiffView, formatValue } from '../components/DiffView';
import { EntityName } from '../components/EntityName';
import { Empty, ErrorState, Loading } from '../components/States';
import { Time } from '../components/Time';
import { Link, navigate, useLocation } from '../lib/router';
import { fromLocalInput, toLocalInput, absoluteTime } from '../lib/time';
import { useDisplayZone } from '../lib/timeZone';
import { useAsync } from '../lib/useAsync';
import { Field } from '../components/Field';

function StatePanel({ path, asOf }: { path: string; asOf: string }) {
  const { zone } = useDisplayZone();
  const result = useAsync((signal) => getJson<unknown>(path + query({ as_of: asOf }), signal), [path, asOf]);
  if (result.loading) {
    return <Loading label="Reconstructing state…" />;
  }
  if (result.error) {
    return <ErrorState error={result.error} onRetry={result.reload} />;
  }
  const { fields, exists, version, lastChangedAt } = resourceState(result.data);
  if (!fields || Object.keys(fields).length === 0) {
    return <Empty title="No state at that time">The resource did not exist yet, or nothing was recorded before then.</Empty>;
  }
  return (
    <>
      <p className="muted state-caption">
        As of {absoluteTime(asOf, zone)}
        {version !== undefined && ` · version ${version}`}
        {lastChangedAt && ` · last changed ${absoluteTime(lastChangedAt, zone)}`}
      </p>
      {!exists && <p className="banner banner-warn">The resource was deleted at that time; its last state is shown.</p>}
      <table className="table state-table">
        <caption className="sr-only">State as of {absoluteTime(asOf, zone)}</caption>
        <tbody>
          {Object.keys(fields)
            .sort()
            .map((field) => (
              <tr key={field}>
                <th scope="row">{field}</th>
                <td className="wrap">{formatValue(fields[field]) || <span className="muted">null</span>}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </>
  );
}

export function ResourceHistoryPage({ type, id }: { type: string; id: string }) {
  const { search } = useLocation();
  const asOf = search.get('as_of') ?? '';
  const { zone, utc } = useDisplayZone();
  const [draft, setDraft] = useState(toLocalInput(asOf, utc));
  const path = `/api/resources/${encodeURIComponent(type)}/${encodeURIComponent(id)}/history`;
  const history = useAsync((signal) => getJson<unknown>(path, signal), [path]);
  const entries = historyEntries(history.data);
  const base = `/resources/${encodeURIComponent(type)}/${encodeURIComponent(id)}`;

  const showAsOf = (event: FormEvent) => {
    event.preventDefault();
    const iso = fromLocalInput(draft, utc);
    navigate(iso ? `${base}?as_of=${encodeURIComponent(iso)}` : base);
  };

  const auditLink = `/audit?${new URLSearchParams({ resource_type: type, resource_id: id })}`;

  return (
    <div className="page">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link to="/audit">Audit log</Link> <span aria-hidden="true">/</span> <span>Resource history</span>
      </nav>
      <header className="page-header">
        <div>
          <h1>
            <span className="muted">{type}</span> history
          </h1>
          <p className="page-lead history-name">
            <EntityName type={type} id={id} mode="typed" />
          </p>
          <p className="page-lead">
            <Mono value={id} label="resource id" />
          </p>
        </div>
        <div className="page-actions">
          <Link className="btn" to={auditLink}>
            Show in audit log
          </Link>
        </div>
      </header>

      <div className="history-layout">
        <section className="card" aria-labelledby="asof-title">
          <h2 id="asof-title">State as of</h2>
          <form className="asof-form" onSubmit={showAsOf}>
            <Field label={`Date and time (${zone})`} type="datetime-local" value={draft} onChange={(e) => setDraft(e.target.value)} required />
            <button type="submit" className="btn btn-primary">
              Show state
            </button>
            {asOf && (
              <button
                type="button"
                className="btn"
                onClick={() => {
                  setDraft('');
                  navigate(base);
                }}
              >
                Clear
              </button>
            )}
          </form>
          {asOf ? (
            <StatePanel path={path} asOf={asOf} />
          ) : (
            <p className="muted">Pick a moment to see the resource exactly as it was then, rebuilt from the log.</p>
          )}
        </section>

        <section className="card" aria-labelledby="timeline-title">
          <h2 id="timeline-title">Timeline</h2>
          {history.loading && <Loading label="Loading history…" />}
          {history.error && <ErrorState error={history.error} onRetry={history.reload} />}
          {!history.loading && !history.error && entries.length === 0 && (
            <Empty title="No recorded changes">Nothing in the audit log refers to this resource.</Empty>
          )}
          {isTruncated(history.data) && (
            <p className="banner banner-info">Only the most recent changes are listed; the as-of state still folds in all of them.</p>
          )}
          {entries.length > 0 && (
            <ol className="timeline">
              {entries.map((entry, index) => {
                const later = asOf && Date.parse(entry.occurred_at) > Date.parse(asOf);
                return (
                  <li key={entry.id ?? index} className={`timeline-item ${later ? 'is-later' : ''}`}>
                    <span className={`timeline-dot dot-${entry.action}`} aria-hidden="true" />
                    <div className="timeline-head">
                      <ActionBadge action={entry.action} />
                      {entry.event_type && <code className="entry-type">{entry.event_type}</code>}
                      <Time iso={entry.occurred_at} stacked={false} />
                    </div>
                    <p className="timeline-actor">
                      by <EntityName type="user" id={entry.user_id} link />
                      {entry.actor_role && <span className="role">{entry.actor_role}</span>}
                      {later && <span className="muted"> · after the chosen time</span>}
                    </p>
                    <DiffView changes={entry.changes} />
                  </li>
                );
              })}
            </ol>
          )}
        </section>
      </div>
    </div>
  );
}
