import type { ActivityBucket, ActivityStats } from '../api/types';
import { filtersToSearch, type AuditFilters } from './filters';

const HOUR = 3_600_000;
/** Up to this range the chart shows hours (at most 168 bars), beyond it days. */
export const HOURLY_UP_TO = 7 * 24 * HOUR;

/** The bucket for the filters' range: hours for up to 7 days (also the default range, the last 7 days), else days. */
export function bucketFor(filters: AuditFilters, now: number = Date.now()): 'hour' | 'day' {
  if (!filters.from) {
    return 'hour';
  }
  const to = filters.to ? Date.parse(filters.to) : now;
  return to - Date.parse(filters.from) <= HOURLY_UP_TO ? 'hour' : 'day';
}

/** The stats request of the chart: the audit table's filters, the bucket for their range and the zone shown. */
export function statsPath(filters: AuditFilters, zone: string, now: number = Date.now()): string {
  const params = filtersToSearch(filters);
  params.set('bucket', bucketFor(filters, now));
  params.set('tz', zone);
  return `/api/audit-logs/stats?${params}`;
}

export const LEVELS = ['low', 'medium', 'high', 'critical'] as const;

/**
 * uPlot data for stacked bars: x in seconds, then one series per level drawn from the top of the stack down (critical
 * = the bucket's total first, low last), each the sum of its level and those below, so each bar shows every level.
 */
export function stackedSeries(buckets: ActivityBucket[]): [number[], ...number[][]] {
  const x = buckets.map((b) => Date.parse(b.start) / 1000);
  const stacked = [...LEVELS].reverse().map((_, i) => {
    const upTo = LEVELS.length - i;
    return buckets.map((b) => LEVELS.slice(0, upTo).reduce((sum, level) => sum + b[level], 0));
  });
  return [x, ...stacked];
}

/** A dragged selection (seconds) as the filters' from/to, to the minute: from rounded down, to rounded up. */
export function zoomTo(filters: AuditFilters, fromSeconds: number, toSeconds: number): AuditFilters {
  const minute = 60_000;
  const from = Math.floor((fromSeconds * 1000) / minute) * minute;
  const to = Math.ceil((toSeconds * 1000) / minute) * minute;
  return { ...filters, from: new Date(from).toISOString(), to: new Date(Math.max(to, from + minute)).toISOString() };
}

/** One sentence for screen readers (the canvas itself says nothing). */
export function describe(stats: ActivityStats): string {
  if (stats.total === 0) {
    return `No entries in this range (${stats.buckets.length} ${stats.bucket}s).`;
  }
  const busiest = stats.buckets.reduce((top, b) => (b.total > top.total ? b : top), stats.buckets[0]);
  const levels = LEVELS.map((level) => `${stats.buckets.reduce((n, b) => n + b[level], 0)} ${level}`).join(', ');
  return `${stats.total} entries over ${stats.buckets.length} ${stats.bucket}s (${levels}); busiest ${stats.bucket} starts ${busiest.start} with ${busiest.total}.`;
}
