import { absoluteTime, relativeTime } from '../lib/time';
import { useDisplayZone } from '../lib/timeZone';

/** Relative time for scanning, absolute time with its zone beside it for evidence; the ISO instant (UTC) on hover. */
export function Time({ iso, stacked = true }: { iso: string; stacked?: boolean }) {
  const { zone } = useDisplayZone();
  return (
    <time dateTime={iso} title={`${iso} (${zone})`} className={stacked ? 'time time-stacked' : 'time'}>
      <span className="time-relative">{relativeTime(iso)}</span>
      <span className="time-absolute">{absoluteTime(iso, zone)}</span>
    </time>
  );
}
