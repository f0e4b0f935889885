import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { getJson } from '../api/client';
import type { ActivityStats } from '../api/types';
import { describe, LEVELS, stackedSeries, statsPath, zoomTo } from '../lib/activity';
import { filtersToSearch, type AuditFilters } from '../lib/filters';
import { absoluteTime } from '../lib/time';
import { useDisplayZone } from '../lib/timeZone';

const HEIGHT = 170;

function color(level: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(`--${level}`).trim() || '#888';
}

/**
 * Entries over time for the audit table's filters, stacked by sensitivity (uPlot on a canvas; the figure's caption says
 * the same in words). Dragging across it sets from/to to the selection, like typing them into the filters.
 */
export function ActivityChart({ filters, onZoom }: { filters: AuditFilters; onZoom: (next: AuditFilters) => void }) {
  const { zone } = useDisplayZone();
  const [stats, setStats] = useState<ActivityStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [hover, setHover] = useState<number | null>(null);
  const target = useRef<HTMLDivElement>(null);
  const latest = useRef({ filters, onZoom });
  latest.current = { filters, onZoom };
  const path = statsPath(filters, zone);
  const [shownFor, setShownFor] = useState('');

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    const query = filtersToSearch(filters).toString();
    getJson<ActivityStats>(path, controller.signal).then(
      (next) => {
        setStats(next);
        setShownFor(query);
      },
      (e: Error) => {
        if (!controller.signal.aborted) {
          setStats(null);
          setError(e.message);
        }
      },
    );
    return () => controller.abort();
    // path holds the filters, bucket and zone: it alone decides when to fetch again.
  }, [path]);

  useEffect(() => {
    const element = target.current;
    if (!stats || !element) {
      return;
    }
    const data = stackedSeries(stats.buckets);
    const x = data[0];
    const step = x.length > 1 ? x[x.length - 1] - x[x.length - 2] : stats.bucket === 'hour' ? 3600 : 86400;
    const bars = uPlot.paths.bars!({ align: 1, size: [0.9, 48] });
    const plot = new uPlot(
      {
        width: Math.max(element.clientWidth, 200),
        height: HEIGHT,
        legend: { show: false },
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), zone),
        cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false } },
        scales: { x: { time: true, range: () => [x[0], x[x.length - 1] + step] }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
        axes: [
          { stroke: color('text-2'), grid: { show: false } },
          { stroke: color('text-2'), size: 44, grid: { stroke: color('border') } },
        ],
        series: [
          {},
          ...[...LEVELS].reverse().map((level) => ({ label: level, fill: color(level), stroke: color(level), width: 0, paths: bars })),
        ],
        hooks: {
          setSelect: [
            (u) => {
              if (u.select.width > 2) {
                const from = u.posToVal(u.select.left, 'x');
                const to = u.posToVal(u.select.left + u.select.width, 'x');
                latest.current.onZoom(zoomTo(latest.current.filters, from, to));
              }
              u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
            },
          ],
          setCursor: [(u) => setHover(u.cursor.idx ?? null)],
        },
      },
      data,
      element,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(element.clientWidth, 200), height: HEIGHT }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [stats, zone]);

  // The filters the shown counts are for (the browser test waits for them after a filter change).
  const shownQuery = stats ? shownFor : '';
  const hovered = stats && hover !== null ? stats.buckets[hover] : null;
  return (
    <figure
      className="card activity"
      data-testid="activity-chart"
      data-query={shownQuery}
      data-total={stats?.total ?? ''}
      data-buckets={stats?.buckets.length ?? ''}
    >
      <figcaption className="activity-head">
        <h2 className="activity-title">Activity</h2>
        <span className="muted">
          {stats ? `${stats.total} entries by ${stats.bucket} (${stats.time_zone}) · drag across the chart to zoom in` : error ? '' : 'Loading…'}
        </span>
        <ul className="activity-legend" aria-label="Sensitivity levels">
          {LEVELS.map((level) => (
            <li key={level}>
              <span className={`swatch swatch-${level}`} aria-hidden="true" />
              {level}
            </li>
          ))}
        </ul>
      </figcaption>
      {error && (
        <p className="banner banner-error" role="alert">
          Activity could not be loaded: {error}
        </p>
      )}
      <div ref={target} className="activity-plot" role="img" aria-label={stats ? describe(stats) : 'Activity chart loading'} />
      <p className="activity-hover muted" aria-hidden="true">
        {hovered
          ? `${absoluteTime(hovered.start, zone)}: ${hovered.total} (${LEVELS.map((l) => `${hovered[l]} ${l}`).join(', ')})`
          : ' '}
      </p>
    </figure>
  );
}
