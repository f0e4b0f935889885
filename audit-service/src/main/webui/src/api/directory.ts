// The directory of names audit-service learns from the events (GET /api/directory, /api/directory/search).
import { getJson, query } from './client';

export type NamedKind = 'user' | 'project' | 'task' | 'blocker';

export interface DirectoryEntry {
  resource_type: string;
  resource_id: string;
  name: string | null;
  email: string | null;
  /** An erased user: name and e-mail are gone for good. */
  erased: boolean;
}

interface DirectoryPage {
  items: DirectoryEntry[];
}

/** The API takes at most 100 ids per call (they must fit the request line). */
export const LOOKUP_CHUNK = 100;
export const MIN_QUERY = 3;

export async function lookupNames(ids: string[], signal?: AbortSignal): Promise<DirectoryEntry[]> {
  const found: DirectoryEntry[] = [];
  for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
    const chunk = ids.slice(i, i + LOOKUP_CHUNK);
    const page = await getJson<DirectoryPage>(`/api/directory${query({ ids: chunk.join(',') })}`, signal);
    found.push(...page.items);
  }
  return found;
}

export async function searchNames(q: string, kind?: string, signal?: AbortSignal): Promise<DirectoryEntry[]> {
  const page = await getJson<DirectoryPage>(
    `/api/directory/search${query({ q, kind: kind || undefined, limit: '8' })}`,
    signal,
  );
  return page.items;
}
