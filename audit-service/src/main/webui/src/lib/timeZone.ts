import { useSyncExternalStore } from 'react';

// Which zone times are shown in: the browser's, or UTC (the log's own zone) when the auditor turns the toggle on.
// Persisted in localStorage so a reload or a shared machine keeps the choice; every <Time> re-renders on a change.

const KEY = 'pjctrl.audit.time-zone';
const listeners = new Set<() => void>();

function readUtc(): boolean {
  try {
    return window.localStorage.getItem(KEY) === 'UTC';
  } catch {
    return false;
  }
}

let utc = typeof window === 'undefined' ? false : readUtc();

export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The IANA zone times are shown in now. */
export function displayZone(): string {
  return utc ? 'UTC' : browserZone();
}

export function isUtc(): boolean {
  return utc;
}

export function setUtc(next: boolean) {
  utc = next;
  try {
    if (next) {
      window.localStorage.setItem(KEY, 'UTC');
    } else {
      window.localStorage.removeItem(KEY);
    }
  } catch {
    // storage may be disabled; the choice then lasts for this page only
  }
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === KEY) {
      utc = readUtc();
      listener();
    }
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** [zone shown, whether it is UTC by choice]; re-renders the caller when the toggle changes. */
export function useDisplayZone(): { zone: string; utc: boolean } {
  const chosen = useSyncExternalStore(subscribe, isUtc, () => false);
  return { zone: chosen ? 'UTC' : browserZone(), utc: chosen };
}
