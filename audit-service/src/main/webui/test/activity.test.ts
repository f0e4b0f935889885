import { describe as suite, expect, it } from 'vitest';
import type { ActivityStats } from '../src/api/types';
import { bucketFor, describe, stackedSeries, statsPath, zoomTo } from '../src/lib/activity';
import { emptyFilters } from '../src/lib/filters';

const NOW = Date.parse('2026-11-30T12:00:00Z');

suite('activity chart', () => {
  it('shouldChooseHoursForAWeekOrLessAndDaysBeyond', () => {
    expect(bucketFor(emptyFilters, NOW)).toBe('hour');
    expect(bucketFor({ ...emptyFilters, from: '2026-11-23T12:00:00Z' }, NOW)).toBe('hour');
    expect(bucketFor({ ...emptyFilters, from: '2026-11-23T11:59:00Z' }, NOW)).toBe('day');
    expect(bucketFor({ ...emptyFilters, from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' }, NOW)).toBe('hour');
  });

  it('shouldAskForTheTableFiltersWithBucketAndZone', () => {
    const path = statsPath({ ...emptyFilters, event_type: ['task.delete'], sensitivity: ['high', 'critical'] }, 'Europe/Berlin', NOW);
    const params = new URL(path, 'http://x').searchParams;
    expect(new URL(path, 'http://x').pathname).toBe('/api/audit-logs/stats');
    expect(params.getAll('event_type')).toEqual(['task.delete']);
    expect(params.getAll('sensitivity')).toEqual(['high', 'critical']);
    expect(params.get('bucket')).toBe('hour');
    expect(params.get('tz')).toBe('Europe/Berlin');
  });

  it('shouldStackFromLowAtTheBottomToCriticalOnTop', () => {
    const [x, critical, high, medium, low] = stackedSeries([
      { start: '2026-11-30T10:00:00Z', low: 3, medium: 2, high: 1, critical: 4, total: 10 },
      { start: '2026-11-30T11:00:00Z', low: 0, medium: 0, high: 0, critical: 0, total: 0 },
    ]);
    expect(x).toEqual([Date.parse('2026-11-30T10:00:00Z') / 1000, Date.parse('2026-11-30T11:00:00Z') / 1000]);
    expect(critical).toEqual([10, 0]);
    expect(high).toEqual([6, 0]);
    expect(medium).toEqual([5, 0]);
    expect(low).toEqual([3, 0]);
  });

  it('shouldTurnADragIntoFromAndToKeepingTheOtherFilters', () => {
    const from = Date.parse('2026-11-30T10:00:30Z') / 1000;
    const to = Date.parse('2026-11-30T11:15:10Z') / 1000;
    expect(zoomTo({ ...emptyFilters, action: 'delete' }, from, to)).toEqual({
      ...emptyFilters,
      action: 'delete',
      from: '2026-11-30T10:00:00.000Z',
      to: '2026-11-30T11:16:00.000Z',
    });
  });

  it('shouldSummariseTheChartInWords', () => {
    const stats: ActivityStats = {
      bucket: 'hour',
      time_zone: 'UTC',
      from: '2026-11-30T10:00:00Z',
      to: '2026-11-30T11:59:59Z',
      total: 3,
      buckets: [
        { start: '2026-11-30T10:00:00Z', low: 1, medium: 0, high: 0, critical: 0, total: 1 },
        { start: '2026-11-30T11:00:00Z', low: 0, medium: 0, high: 0, critical: 2, total: 2 },
      ],
    };
    expect(describe(stats)).toBe(
      '3 entries over 2 hours (1 low, 0 medium, 0 high, 2 critical); busiest hour starts 2026-11-30T11:00:00Z with 2.',
    );
  });
});
