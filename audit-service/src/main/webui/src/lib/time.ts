import { displayZone } from './timeZone';

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const formats = new Map<string, Intl.DateTimeFormat>();

function absoluteFormat(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      year: 'numeric',
      month: 'short',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZone: zone,
      timeZoneName: 'short',
    });
    formats.set(zone, format);
  }
  return format;
}

const steps: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Infinity],
];

export function relativeTime(iso: string, now: number = Date.now()): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) {
    return iso;
  }
  let value = (time - now) / 1000;
  for (const [unit, size] of steps) {
    if (Math.abs(value) < size) {
      return relative.format(Math.round(value), unit);
    }
    value /= size;
  }
  return iso;
}

/** The instant with its zone, e.g. "28 Nov 2026, 09:00:00 UTC" or "…, 10:00:00 CET". */
export function absoluteTime(iso: string, zone: string = displayZone()): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : absoluteFormat(zone).format(time);
}

/** ISO instant -> value of an <input type="datetime-local">, in UTC or in the browser's zone. */
export function toLocalInput(iso: string | null | undefined, utc = false): string {
  if (!iso) {
    return '';
  }
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) {
    return '';
  }
  const local = utc ? time : new Date(time.getTime() - time.getTimezoneOffset() * 60000);
  return local.toISOString().slice(0, 16);
}

/** Value of an <input type="datetime-local"> (in UTC or the browser's zone) -> ISO instant in UTC. */
export function fromLocalInput(value: string, utc = false): string {
  if (!value) {
    return '';
  }
  const time = new Date(utc ? `${value}Z` : value);
  return Number.isNaN(time.getTime()) ? '' : time.toISOString();
}
