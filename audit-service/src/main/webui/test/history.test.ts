import { describe, expect, it } from 'vitest';
import { historyEntries, resourceState } from '../src/api/history';

describe('history normalisation', () => {
  it('shouldReadTheApisStateWithFieldsAndDeletion', () => {
    const state = resourceState({
      state: { exists: true, deleted: true, version: 4, fields: { title: 'x' }, last_changed_at: '2026-03-01T10:00:00Z' },
    });

    expect(state).toEqual({ fields: { title: 'x' }, exists: false, version: 4, lastChangedAt: '2026-03-01T10:00:00Z' });
  });

  it('shouldListEntriesNewestFirstWithTheirActor', () => {
    const entries = historyEntries({
      items: [
        { id: 'a', action: 'create', occurred_at: '2026-03-01T10:00:00Z', user_id: 'u1', actor_role: 'admin', changes: {} },
        { id: 'b', action: 'update', occurred_at: '2026-03-02T10:00:00Z', user_id: 'u2', actor_role: 'member', changes: {} },
      ],
    });

    expect(entries.map((e) => [e.id, e.user_id])).toEqual([
      ['b', 'u2'],
      ['a', 'u1'],
    ]);
  });
});
