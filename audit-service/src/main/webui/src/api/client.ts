// One fetch wrapper for the whole UI: adds the bearer token, turns RFC 9457 problem+json into ApiError.

export class ApiError extends Error {
  readonly status: number;
  readonly type?: string;
  readonly detail?: string;
  /** Seconds to wait before retrying, from Retry-After (a throttled sign-in's 429); undefined when absent. */
  readonly retryAfter?: number;

  constructor(status: number, title: string, detail?: string, type?: string, retryAfter?: number) {
    super(detail ? `${title}: ${detail}` : title);
    this.status = status;
    this.detail = detail;
    this.type = type;
    this.retryAfter = retryAfter;
  }
}

type TokenSource = () => string | null;
type UnauthorizedHandler = () => void;

let tokenSource: TokenSource = () => null;
let onUnauthorized: UnauthorizedHandler = () => {};

/** Called once by the session provider so every request carries the current token. */
export function configureClient(source: TokenSource, unauthorized: UnauthorizedHandler): void {
  tokenSource = source;
  onUnauthorized = unauthorized;
}

export function authHeaders(): Record<string, string> {
  const token = tokenSource();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

export async function toApiError(response: Response): Promise<ApiError> {
  let title = response.statusText || `HTTP ${response.status}`;
  let detail: string | undefined;
  let type: string | undefined;
  try {
    const body = await response.json();
    title = body.title ?? title;
    detail = body.detail ?? body.message;
    type = body.type;
  } catch {
    // Not JSON (a proxy error page, an empty body): the status line says enough.
  }
  const seconds = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
  return new ApiError(response.status, title, detail, type, Number.isFinite(seconds) && seconds > 0 ? seconds : undefined);
}

/** Sends a request and returns the raw response, failing with ApiError on any non-2xx status. */
export async function send(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = { Accept: 'application/json', ...authHeaders(), ...(init.headers as Record<string, string>) };
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers });
  } catch {
    throw new ApiError(0, 'Network error', 'The audit service could not be reached. Check your connection and retry.');
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401) {
      onUnauthorized();
    }
    throw error;
  }
  return response;
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await send(path, { signal });
  return (await response.json()) as T;
}

export async function postJson<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  const response = await send(path, {
    method: 'POST',
    signal,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Builds a query string, repeating keys for arrays and leaving out empty values. */
export function query(params: Record<string, string | string[] | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (v !== undefined && v !== null && v !== '') {
        search.append(key, v);
      }
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
