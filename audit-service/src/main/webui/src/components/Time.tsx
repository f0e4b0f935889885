import { absoluteTime, relativeTime } from '../lib/time';

/** Relative time for scanning, absolute time beside it for evidence; the ISO instant on hover. */
export function Time({ iso, stacked = true }: { iso: string; stacked?: boolean }) {
  return (
    <time dateTime={iso} title={iso} className={stacked ? 'time time-stacked' : 'time'}>
      <span className="time-relative">{relativeTime(iso)}</span>
      <span className="time-absolute">{absoluteTime(iso)}</span>
    </time>
  );
}
