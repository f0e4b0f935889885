// Shapes of the audit-service API (snake_case JSON). Optional fields are ones the UI can live without.

export type Sensitivity = 'low' | 'medium' | 'high' | 'critical';
export type Severity = Sensitivity;

export interface FieldChange {
  old?: unknown;
  new?: unknown;
}

export type Changes = Record<string, FieldChange>;

/** What the API shows in place of a personal value after its data subject's erasure. */
export interface ErasedValue {
  $erased: true;
}

export interface RequestMetadata {
  ip?: string | null | ErasedValue;
  user_agent?: string | null | ErasedValue;
  request_id?: string | null;
  trace_id?: string | null;
}

export interface AuditLog {
  id: string;
  event_id: string;
  event_type: string;
  source?: string;
  resource_type: string;
  resource_id: string | null;
  project_id?: string | null;
  user_id?: string | null;
  actor_role?: string | null;
  action: string;
  changes: Changes;
  request_metadata: RequestMetadata;
  sensitivity_level: Sensitivity;
  aggregate_version?: number;
  occurred_at: string;
  recorded_at?: string;
  chain_id: string;
  seq: number;
  prev_checksum?: string;
  checksum: string;
}

export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
  total?: number;
}

export interface Alert {
  id: string;
  audit_log_id?: string | null;
  rule: string;
  severity: Severity;
  message: string;
  created_at: string;
  acknowledged_at?: string | null;
  acknowledged_by?: string | null;
  note?: string | null;
}

export interface VerifyFailure {
  chain_id?: string;
  seq?: number;
  entry_id?: string | null;
  kind: string;
  expected?: string | null;
  computed?: string | null;
  detail?: string | null;
  resource_type?: string | null;
  resource_id?: string | null;
  [extra: string]: unknown;
}

export interface VerifyChain {
  chain_id: string;
  status?: string;
  checked?: number;
  head_seq?: number;
  head_checksum?: string;
  [extra: string]: unknown;
}

export interface VerifyResult {
  status: 'valid' | 'invalid';
  checked: number;
  chains: VerifyChain[];
  failures: VerifyFailure[];
  failures_truncated?: boolean;
}

export interface Checkpoint {
  id?: string;
  chain_id: string;
  seq: number;
  head_checksum: string;
  origin?: string;
  key_id: string;
  signed_note?: string;
  created_at: string;
}

export interface PublicKey {
  key_id: string;
  algorithm: string;
  public_key: string;
  valid_from: string;
  valid_until?: string | null;
}

export interface LoginResponse {
  access_token: string;
  token_type?: string;
  expires_in?: number;
}

/** GET /api/audit-logs/stats: entries per bucket and sensitivity level, every bucket of the range listed. */
export interface ActivityBucket {
  start: string;
  low: number;
  medium: number;
  high: number;
  critical: number;
  total: number;
}

export interface ActivityStats {
  bucket: 'hour' | 'day';
  time_zone: string;
  from: string;
  to: string;
  total: number;
  buckets: ActivityBucket[];
}
