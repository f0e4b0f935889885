import { useId, useState, type FormEvent } from 'react';
import { ApiError, postJson } from '../api/client';
import type { Alert } from '../api/types';
import { Link } from '../lib/router';
import { SensitivityBadge } from './Badges';
import { EntityName, NamedText } from './EntityName';
import { Time } from './Time';

interface Props {
  alert: Alert;
  canAcknowledge: boolean;
  isNew?: boolean;
  /** Receives the alert as acknowledged; `conflict` when someone else was faster (409). */
  onAcknowledged: (alert: Alert, conflict?: boolean) => void;
  currentUserId?: string;
}

export function AlertItem({ alert, canAcknowledge, isNew, onAcknowledged, currentUserId }: Props) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const acknowledged = Boolean(alert.acknowledged_at);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!note.trim()) {
      setError('Write a short note: what was checked, what was done.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body = await postJson<Alert | undefined>(`/api/alerts/${encodeURIComponent(alert.id)}/acknowledge`, {
        note: note.trim(),
      });
      const updated: Alert =
        body && body.id
          ? body
          : { ...alert, acknowledged_at: new Date().toISOString(), acknowledged_by: currentUserId ?? null, note: note.trim() };
      setOpen(false);
      onAcknowledged(updated);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setOpen(false);
        onAcknowledged(alert, true);
      } else {
        setError((e as Error).message);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className={`alert-item severity-${alert.severity} ${acknowledged ? 'is-acknowledged' : ''} ${isNew ? 'is-new' : ''}`}>
      <div className="alert-main">
        <div className="alert-head">
          <SensitivityBadge level={alert.severity} />
          <code className="alert-rule">{alert.rule}</code>
          {isNew && <span className="chip chip-new">new</span>}
          <Time iso={alert.created_at} stacked={false} />
        </div>
        <p className="alert-message">
          <NamedText text={alert.message} />
        </p>
        {alert.audit_log_id && (
          <Link to={`/audit?entry=${encodeURIComponent(alert.audit_log_id)}`} className="alert-link">
            View audit entry →
          </Link>
        )}
        {acknowledged && (
          <p className="alert-ack">
            Acknowledged {alert.acknowledged_at && <Time iso={alert.acknowledged_at} stacked={false} />}
            {alert.acknowledged_by && (
              <>
                {' '}
                by <EntityName type="user" id={alert.acknowledged_by} />
              </>
            )}
            {alert.note && <q className="alert-note">{alert.note}</q>}
          </p>
        )}
      </div>
      {!acknowledged && (
        <div className="alert-actions">
          {!open && (
            <button
              type="button"
              className="btn btn-small"
              onClick={() => setOpen(true)}
              disabled={!canAcknowledge}
              title={canAcknowledge ? undefined : 'Only admins can acknowledge alerts'}
              aria-expanded={open}
            >
              Acknowledge
            </button>
          )}
          {open && (
            <form className="ack-form" onSubmit={submit} aria-label={`Acknowledge alert ${alert.rule}`}>
              <label htmlFor={`${id}-note`}>Note</label>
              <textarea
                id={`${id}-note`}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                rows={2}
                maxLength={2000}
                autoFocus
                aria-invalid={Boolean(error)}
                aria-describedby={error ? `${id}-error` : undefined}
                placeholder="What was checked, what was done"
              />
              {error && (
                <span className="field-error" id={`${id}-error`} role="alert">
                  {error}
                </span>
              )}
              <div className="ack-buttons">
                <button type="submit" className="btn btn-primary btn-small" disabled={busy}>
                  {busy ? 'Saving…' : 'Confirm'}
                </button>
                <button type="button" className="btn btn-small" onClick={() => setOpen(false)} disabled={busy}>
                  Cancel
                </button>
              </div>
            </form>
          )}
        </div>
      )}
    </li>
  );
}
