import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Time } from '../src/components/Time';
import { absoluteTime, fromLocalInput, toLocalInput } from '../src/lib/time';
import { browserZone, isUtc, setUtc } from '../src/lib/timeZone';

describe('times with their zone', () => {
  afterEach(() => setUtc(false));

  it('shouldNameTheZoneOfEveryAbsoluteTime', () => {
    expect(absoluteTime('2026-11-28T09:00:00Z', 'UTC')).toBe('28 Nov 2026, 09:00:00 UTC');
    expect(absoluteTime('2026-11-28T09:00:00Z', 'Asia/Kolkata')).toBe('28 Nov 2026, 14:30:00 GMT+5:30');
  });

  it('shouldSwitchEveryTimeToUtcAndRememberIt', () => {
    render(<Time iso="2026-11-28T09:00:00Z" />);
    act(() => setUtc(true));
    expect(screen.getByText('28 Nov 2026, 09:00:00 UTC')).toBeInTheDocument();
    expect(window.localStorage.getItem('pjctrl.audit.time-zone')).toBe('UTC');
    expect(isUtc()).toBe(true);
    act(() => setUtc(false));
    expect(window.localStorage.getItem('pjctrl.audit.time-zone')).toBeNull();
    expect(screen.getByText(absoluteTime('2026-11-28T09:00:00Z', browserZone()))).toBeInTheDocument();
  });

  it('shouldReadAndWriteDateInputsInUtcWhenChosen', () => {
    expect(toLocalInput('2026-11-28T09:05:00Z', true)).toBe('2026-11-28T09:05');
    expect(fromLocalInput('2026-11-28T09:05', true)).toBe('2026-11-28T09:05:00.000Z');
  });
});
