import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { configureClient } from '../src/api/client';
import type { Alert } from '../src/api/types';
import { AlertItem } from '../src/components/AlertItem';
import { sortAlerts } from '../src/pages/AlertsPage';

const alert: Alert = {
  id: '7e1c2d3f-0000-4000-8000-000000000001',
  audit_log_id: '7e1c2d3f-0000-4000-8000-0000000000aa',
  rule: 'project.delete',
  severity: 'high',
  message: 'Project P-1 deleted by 0b8f6a52',
  created_at: '2026-03-01T10:00:00Z',
  acknowledged_at: null,
  acknowledged_by: null,
  note: null,
};

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
}

function renderItem(canAcknowledge = true) {
  const onAcknowledged = vi.fn();
  render(<AlertItem alert={alert} canAcknowledge={canAcknowledge} onAcknowledged={onAcknowledged} currentUserId="admin-1" />);
  return { onAcknowledged, user: userEvent.setup() };
}

describe('alert acknowledgement', () => {
  beforeEach(() => configureClient(() => 'token-123', () => {}));

  it('shouldPostTheNoteWithTheBearerTokenAndShowTheAcknowledgedAlert', async () => {
    const acknowledged = { ...alert, acknowledged_at: '2026-03-01T10:05:00Z', acknowledged_by: 'admin-1', note: 'checked' };
    const fetch = vi.spyOn(globalThis, 'fetch').mockResolvedValue(json(200, acknowledged));
    const { onAcknowledged, user } = renderItem();

    await user.click(screen.getByRole('button', { name: 'Acknowledge' }));
    await user.type(screen.getByLabelText('Note'), '  checked  ');
    await user.click(screen.getByRole('button', { name: 'Confirm' }));

    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(`/api/alerts/${alert.id}/acknowledge`);
    expect(init?.method).toBe('POST');
    expect(JSON.parse(init?.body as string)).toEqual({ note: 'checked' });
    expect((init?.headers as Record<string, string>).Authorization).toBe('Bearer token-123');
    expect(onAcknowledged).toHaveBeenCalledWith(acknowledged);
  });

  it('shouldRequireANoteBeforeSending', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch');
    const { onAcknowledged, user } = renderItem();

    await user.click(screen.getByRole('button', { name: 'Acknowledge' }));
    await user.click(screen.getByRole('button', { name: 'Confirm' }));

    expect(fetch).not.toHaveBeenCalled();
    expect(onAcknowledged).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent('Write a short note');
  });

  it('shouldReportAConflictWhenSomeoneElseAcknowledgedFirst', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      json(409, { type: 'urn:pjctrl:problem:conflict', title: 'Conflict', status: 409, detail: 'already acknowledged' }),
    );
    const { onAcknowledged, user } = renderItem();

    await user.click(screen.getByRole('button', { name: 'Acknowledge' }));
    await user.type(screen.getByLabelText('Note'), 'late');
    await user.click(screen.getByRole('button', { name: 'Confirm' }));

    expect(onAcknowledged).toHaveBeenCalledWith(alert, true);
  });

  it('shouldKeepTheFormOpenWithTheServerMessageOnOtherErrors', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      json(403, { type: 'urn:pjctrl:problem:forbidden', title: 'Forbidden', status: 403, detail: 'your role may not use this endpoint' }),
    );
    const { onAcknowledged, user } = renderItem();

    await user.click(screen.getByRole('button', { name: 'Acknowledge' }));
    await user.type(screen.getByLabelText('Note'), 'x');
    await user.click(screen.getByRole('button', { name: 'Confirm' }));

    expect(onAcknowledged).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent('your role may not use this endpoint');
    expect(screen.getByLabelText('Note')).toHaveValue('x');
  });

  it('shouldNotLetANonAdminAcknowledge', () => {
    renderItem(false);

    expect(screen.getByRole('button', { name: 'Acknowledge' })).toBeDisabled();
  });

  it('shouldListUnacknowledgedAlertsFirstThenNewest', () => {
    const older = { ...alert, id: 'a', created_at: '2026-03-01T09:00:00Z' };
    const newer = { ...alert, id: 'b', created_at: '2026-03-01T11:00:00Z' };
    const done = { ...alert, id: 'c', created_at: '2026-03-01T12:00:00Z', acknowledged_at: '2026-03-01T12:01:00Z' };

    expect(sortAlerts([done, older, newer]).map((a) => a.id)).toEqual(['b', 'a', 'c']);
  });
});
