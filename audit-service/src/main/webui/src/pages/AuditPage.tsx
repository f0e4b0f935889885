import { useCallback, useMemo, useState } from 'react';
import type { AuditLog } from '../api/types';
import { ActivityChart } from '../components/ActivityChart';
import { ActionBadge, SensitivityBadge } from '../components/Badges';
import { EntityName } from '../components/EntityName';
import { EntryDetails } from '../components/EntryDetails';
import { FilterBar } from '../components/FilterBar';
import { Empty, ErrorState, Loading } from '../components/States';
import { Time } from '../components/Time';
import { downloadFile } from '../lib/download';
import { filtersFromSearch, filtersToSearch, type AuditFilters } from '../lib/filters';
import { navigate, useLocation } from '../lib/router';
import { TableHead } from '../components/TableHead';
import { useCursorPages } from '../lib/useCursorPages';

const PAGE_SIZES = ['10', '25', '50', '100', '200'];

function appendPage(list: AuditLog[], page: AuditLog[]): AuditLog[] {
  return [...list, ...page];
}

export function AuditPage() {
  const { search } = useLocation();
  const searchKey = search.toString();
  // Keyed by the filter part only: opening an entry or changing the page size must not reset the filter draft.
  const filterQuery = filtersToSearch(filtersFromSearch(search)).toString();
  const filters = useMemo(() => filtersFromSearch(new URLSearchParams(filterQuery)), [filterQuery]);
  const limit = PAGE_SIZES.includes(search.get('limit') ?? '') ? search.get('limit')! : '50';
  const selected = search.get('entry');

  const [exporting, setExporting] = useState<string | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);

  const pagePath = useCallback(
    (after: string | null) => {
      const params = new URLSearchParams(filterQuery);
      params.set('limit', limit);
      if (after) {
        params.set('cursor', after);
      }
      return `/api/audit-logs?${params}`;
    },
    [filterQuery, limit],
  );

  const { items, cursor, loading, loadingMore, error, reload, loadMore } = useCursorPages<AuditLog>(
    pagePath,
    appendPage,
    true,
  );

  const withParams = (change: (params: URLSearchParams) => void, replace = false) => {
    const params = new URLSearchParams(searchKey);
    change(params);
    const text = params.toString();
    navigate(`/audit${text ? `?${text}` : ''}`, { replace });
  };

  const apply = (next: AuditFilters) => {
    const params = filtersToSearch(next);
    if (limit !== '50') {
      params.set('limit', limit);
    }
    const text = params.toString();
    navigate(`/audit${text ? `?${text}` : ''}`);
  };

  const open = (id: string) => withParams((p) => p.set('entry', id));
  const close = useCallback(() => {
    const params = new URLSearchParams(window.location.search);
    params.delete('entry');
    const text = params.toString();
    navigate(`/audit${text ? `?${text}` : ''}`, { replace: true });
  }, []);

  const exportAs = async (format: 'csv' | 'ndjson') => {
    setExporting(format);
    setExportError(null);
    try {
      const params = new URLSearchParams(filterQuery);
      params.set('format', format);
      await downloadFile(`/api/audit-logs/export?${params}`, `audit-logs.${format}`);
    } catch (e) {
      setExportError((e as Error).message);
    } finally {
      setExporting(null);
    }
  };

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Audit log</h1>
          <p className="page-lead">Every recorded change, newest first. Filters are part of the link: share it.</p>
        </div>
        <div className="page-actions">
          <button type="button" className="btn" onClick={() => exportAs('csv')} disabled={exporting !== null}>
            {exporting === 'csv' ? 'Exporting…' : 'Export CSV'}
          </button>
          <button type="button" className="btn" onClick={() => exportAs('ndjson')} disabled={exporting !== null}>
            {exporting === 'ndjson' ? 'Exporting…' : 'Export NDJSON'}
          </button>
        </div>
      </header>
      {exportError && (
        <p className="banner banner-error" role="alert">
          Export failed: {exportError}
        </p>
      )}

      <FilterBar value={filters} onApply={apply} />

      <ActivityChart filters={filters} onZoom={apply} />

      <div className="results-meta">
        <span aria-live="polite">
          {loading ? 'Loading…' : `${items.length} ${items.length === 1 ? 'entry' : 'entries'} shown${cursor ? ', more available' : ''}`}
        </span>
        <label className="inline-field">
          Rows per page
          <select value={limit} onChange={(e) => withParams((p) => p.set('limit', e.target.value))}>
            {PAGE_SIZES.map((size) => (
              <option key={size}>{size}</option>
            ))}
          </select>
        </label>
      </div>

      {loading && <Loading label="Loading audit entries…" />}
      {!loading && error && items.length === 0 && <ErrorState error={error} onRetry={reload} />}
      {!loading && !error && items.length === 0 && (
        <Empty title="No audit entries match these filters">Widen the date range or reset the filters.</Empty>
      )}
      {!loading && items.length > 0 && (
        <>
          <div className="table-wrap">
            <table className="table audit-table">
              <caption className="sr-only">Audit entries</caption>
              <TableHead
                columns={['When', 'Event', 'Resource', 'Actor', 'Sensitivity', { label: <span className="sr-only">Actions</span> }]}
              />
              <tbody>
                {items.map((log) => (
                  <tr key={log.id} className={selected === log.id ? 'is-selected' : undefined} data-testid="audit-row" data-entry-id={log.id}>
                    <td data-label="When">
                      <Time iso={log.occurred_at} />
                    </td>
                    <td data-label="Event">
                      <code className="entry-type">{log.event_type}</code> <ActionBadge action={log.action} />
                    </td>
                    <td data-label="Resource">
                      <span className="muted">{log.resource_type}</span>{' '}
                      {log.resource_id ? <EntityName type={log.resource_type} id={log.resource_id} link mode="bare" /> : '—'}
                    </td>
                    <td data-label="Actor">
                      <EntityName type="user" id={log.user_id} link />
                      {log.actor_role && <span className="role">{log.actor_role}</span>}
                    </td>
                    <td data-label="Sensitivity">
                      <SensitivityBadge level={log.sensitivity_level} />
                    </td>
                    <td className="cell-actions">
                      <button type="button" className="btn btn-small" onClick={() => open(log.id)}>
                        Details<span className="sr-only"> of {log.event_type} at {log.occurred_at}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {error && (
            <p className="banner banner-error" role="alert">
              Could not load more: {error.message}
            </p>
          )}
          <div className="pager">
            {cursor ? (
              <button type="button" className="btn" onClick={loadMore} disabled={loadingMore}>
                {loadingMore ? 'Loading…' : 'Load more'}
              </button>
            ) : (
              <span className="muted">End of results</span>
            )}
          </div>
        </>
      )}

      {selected && <EntryDetails id={selected} onClose={close} />}
    </div>
  );
}
