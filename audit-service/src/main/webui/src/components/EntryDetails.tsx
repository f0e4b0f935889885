import { getJson } from '../api/client';
import type { AuditLog, ErasedValue } from '../api/types';
import { useAsync } from '../lib/useAsync';
import { Link } from '../lib/router';
import { ActionBadge, SensitivityBadge } from './Badges';
import { Mono } from './Copy';
import { EntityName } from './EntityName';
import { DiffView, isErased } from './DiffView';
import { Drawer } from './Drawer';
import { ErrorState, Loading } from './States';
import { Time } from './Time';

export function historyPath(resourceType: string, resourceId: string): string {
  return `/resources/${encodeURIComponent(resourceType)}/${encodeURIComponent(resourceId)}`;
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="dl-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The name above the id (which stays, to copy), when there is an id. */
function Named({ type, id, mode }: { type: string; id: string | null | undefined; mode?: 'typed' }) {
  return id ? (
    <span className="named-id">
      <EntityName type={type} id={id} mode={mode} />
    </span>
  ) : null;
}

/** Everything about one entry, loaded fresh by id (the list may not carry prev_checksum). */
export function EntryDetails({ id, onClose }: { id: string; onClose: () => void }) {
  const entry = useAsync((signal) => getJson<AuditLog>(`/api/audit-logs/${encodeURIComponent(id)}`, signal), [id]);
  const log = entry.data;

  return (
    <Drawer title="Audit entry" onClose={onClose}>
      {entry.loading && !log && <Loading label="Loading entry…" />}
      {entry.error && <ErrorState error={entry.error} onRetry={entry.reload} />}
      {log && (
        <>
          <section className="section">
            <div className="entry-head">
              <code className="entry-type">{log.event_type}</code>
              <SensitivityBadge level={log.sensitivity_level} />
              <ActionBadge action={log.action} />
            </div>
            <dl className="dl">
              <Row label="Occurred">
                <Time iso={log.occurred_at} stacked={false} />
              </Row>
              {log.recorded_at && (
                <Row label="Recorded">
                  <Time iso={log.recorded_at} stacked={false} />
                </Row>
              )}
              <Row label="Resource">
                <Named type={log.resource_type} id={log.resource_id} mode="typed" /> <Mono value={log.resource_id} label="resource id" />
              </Row>
              <Row label="Project">
                <Named type="project" id={log.project_id} /> <Mono value={log.project_id} label="project id" />
              </Row>
              <Row label="Actor">
                <Named type="user" id={log.user_id} /> <Mono value={log.user_id} label="user id" />{' '}
                {log.actor_role && <span className="role">{log.actor_role}</span>}
              </Row>
              {log.source && <Row label="Source">{log.source}</Row>}
              {log.aggregate_version !== undefined && <Row label="Version">{log.aggregate_version}</Row>}
            </dl>
            {log.resource_id && (
              <Link className="btn btn-link" to={historyPath(log.resource_type, log.resource_id)}>
                Open resource history →
              </Link>
            )}
          </section>
          <section className="section">
            <h3>Changes</h3>
            <DiffView changes={log.changes} />
          </section>
          <section className="section">
            <h3>Request</h3>
            <dl className="dl">
              <Row label="IP">{personal(log.request_metadata?.ip)}</Row>
              <Row label="User agent">
                <span className="wrap">{personal(log.request_metadata?.user_agent)}</span>
              </Row>
              <Row label="Request id">
                <Mono value={log.request_metadata?.request_id} label="request id" />
              </Row>
              <Row label="Trace id">
                <Mono value={log.request_metadata?.trace_id} label="trace id" />
              </Row>
            </dl>
          </section>
          <section className="section">
            <h3>Integrity</h3>
            <dl className="dl">
              <Row label="Chain">
                <code>{log.chain_id}</code>
              </Row>
              <Row label="Seq">{log.seq}</Row>
              <Row label="Checksum">
                <Mono value={log.checksum} label="checksum" />
              </Row>
              <Row label="Prev checksum">
                <Mono value={log.prev_checksum} label="previous checksum" />
              </Row>
              <Row label="Event id">
                <Mono value={log.event_id} label="event id" />
              </Row>
            </dl>
          </section>
          <details className="section raw">
            <summary>Raw JSON</summary>
            <pre>{JSON.stringify(log, null, 2)}</pre>
          </details>
        </>
      )}
    </Drawer>
  );
}

/** A personal request value: the value, "erased" once its data subject was erased, or a dash when absent. */
function personal(value: string | null | undefined | ErasedValue) {
  if (isErased(value)) {
    return <span className="muted">erased</span>;
  }
  return (value as string | null | undefined) ?? <span className="muted">—</span>;
}
