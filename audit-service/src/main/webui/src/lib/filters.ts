// The audit filters live in the URL, with the API's own parameter names, so a view is a shareable link.

export interface AuditFilters {
  event_type: string[];
  resource_type: string;
  resource_id: string;
  user_id: string;
  project_id: string;
  action: string;
  sensitivity: string[];
  from: string;
  to: string;
}

export const emptyFilters: AuditFilters = {
  event_type: [],
  resource_type: '',
  resource_id: '',
  user_id: '',
  project_id: '',
  action: '',
  sensitivity: [],
  from: '',
  to: '',
};

export const EVENT_TYPES = [
  'task.create',
  'task.update',
  'task.delete',
  'task.restore',
  'task.assign',
  'task.blocker',
  'project.create',
  'project.update',
  'project.delete',
  'project.restore',
  'user.login',
  'user.logout',
  'user.login_failed',
  'user.permission_change',
  'attachment.upload',
  'attachment.download',
  'attachment.delete',
];
export const RESOURCE_TYPES = ['task', 'project', 'user', 'blocker', 'attachment'];
export const ACTIONS = ['create', 'update', 'delete', 'restore', 'login', 'logout'];
export const SENSITIVITIES = ['low', 'medium', 'high', 'critical'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function filtersFromSearch(search: URLSearchParams): AuditFilters {
  return {
    event_type: search.getAll('event_type'),
    resource_type: search.get('resource_type') ?? '',
    resource_id: search.get('resource_id') ?? '',
    user_id: search.get('user_id') ?? '',
    project_id: search.get('project_id') ?? '',
    action: search.get('action') ?? '',
    sensitivity: search.getAll('sensitivity'),
    from: search.get('from') ?? '',
    to: search.get('to') ?? '',
  };
}

export function filtersToSearch(filters: AuditFilters): URLSearchParams {
  const search = new URLSearchParams();
  filters.event_type.forEach((type) => search.append('event_type', type));
  for (const key of ['resource_type', 'resource_id', 'user_id', 'project_id', 'action'] as const) {
    const value = filters[key].trim();
    if (value) {
      search.set(key, value);
    }
  }
  filters.sensitivity.forEach((level) => search.append('sensitivity', level));
  if (filters.from) {
    search.set('from', filters.from);
  }
  if (filters.to) {
    search.set('to', filters.to);
  }
  return search;
}

export function activeFilterCount(filters: AuditFilters): number {
  return [...filtersToSearch(filters).keys()].length;
}

/** Problems the API would reject anyway, caught before the round trip; keyed by parameter. */
export function validateFilters(filters: AuditFilters): Partial<Record<keyof AuditFilters, string>> {
  const errors: Partial<Record<keyof AuditFilters, string>> = {};
  if (filters.user_id.trim() && !UUID.test(filters.user_id.trim())) {
    errors.user_id = 'User id must be a UUID';
  }
  if (filters.project_id.trim() && !UUID.test(filters.project_id.trim())) {
    errors.project_id = 'Project id must be a UUID';
  }
  if (filters.from && filters.to && Date.parse(filters.from) > Date.parse(filters.to)) {
    errors.to = '"To" must be after "From"';
  }
  return errors;
}
