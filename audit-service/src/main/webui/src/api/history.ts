// The history endpoint's timeline and "as of" state, normalised: the UI accepts a bare array or an
// object wrapping it, and the actor either flat (user_id, actor_role) or nested (actor {user_id, role}).
import type { Changes } from './types';

export interface HistoryEntry {
  id?: string;
  event_type?: string;
  action: string;
  occurred_at: string;
  user_id?: string | null;
  actor_role?: string | null;
  changes: Changes;
  seq?: number;
  chain_id?: string;
}

type Json = Record<string, unknown>;

function list(data: unknown): Json[] {
  if (Array.isArray(data)) {
    return data as Json[];
  }
  const body = (data ?? {}) as Json;
  for (const key of ['items', 'entries', 'history', 'timeline', 'events']) {
    if (Array.isArray(body[key])) {
      return body[key] as Json[];
    }
  }
  return [];
}

function entry(raw: Json): HistoryEntry {
  const actor = (raw.actor ?? {}) as Json;
  const roles = Array.isArray(actor.roles) ? (actor.roles as string[]).join(', ') : undefined;
  return {
    id: (raw.id ?? raw.audit_log_id) as string | undefined,
    event_type: raw.event_type as string | undefined,
    action: String(raw.action ?? ''),
    occurred_at: String(raw.occurred_at ?? raw.at ?? ''),
    user_id: (raw.user_id ?? actor.user_id ?? null) as string | null,
    actor_role: (raw.actor_role ?? actor.role ?? roles ?? null) as string | null,
    changes: (raw.changes ?? {}) as Changes,
    seq: raw.seq as number | undefined,
    chain_id: raw.chain_id as string | undefined,
  };
}

export function historyEntries(data: unknown): HistoryEntry[] {
  return list(data)
    .map(entry)
    .sort((a, b) => Date.parse(b.occurred_at) - Date.parse(a.occurred_at));
}

export interface ResourceState {
  fields: Json | null;
  exists: boolean;
  version?: number;
  lastChangedAt?: string;
}

/** The reconstructed state: {state: {exists, deleted, version, fields, last_changed_at}} or a flat {state: {...}}. */
export function resourceState(data: unknown): ResourceState {
  const body = (data ?? {}) as Json;
  const state = (body.state ?? body.snapshot ?? null) as Json | null;
  if (!state) {
    return { fields: null, exists: false };
  }
  const wrapped = typeof state.fields === 'object' && state.fields !== null;
  const fields = (wrapped ? state.fields : state) as Json;
  const exists = wrapped ? state.exists !== false && state.deleted !== true : true;
  return {
    fields,
    exists,
    version: typeof state.version === 'number' ? state.version : undefined,
    lastChangedAt: typeof state.last_changed_at === 'string' ? state.last_changed_at : undefined,
  };
}

export function isTruncated(data: unknown): boolean {
  return ((data ?? {}) as Json).truncated === true;
}
