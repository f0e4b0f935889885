import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SessionProvider } from '../src/auth/session';
import { LoginPage } from '../src/pages/LoginPage';

describe('sign-in throttled by project-service', () => {
  afterEach(() => vi.restoreAllMocks());

  it('shouldTellHowLongToWaitFromRetryAfter', async () => {
    const problem = {
      type: 'urn:pjctrl:problem:too-many-requests',
      title: 'Too many requests',
      status: 429,
      detail: 'too many failed sign-in attempts; retry in 7 s',
      instance: '/api/session/login',
    };
    const fetch = vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      new Response(JSON.stringify(problem), {
        status: 429,
        headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '7' },
      }),
    );
    render(
      <SessionProvider>
        <LoginPage />
      </SessionProvider>,
    );
    const user = userEvent.setup();

    await user.type(screen.getByLabelText('Email'), 'auditor@pjctrl.local');
    await user.type(screen.getByLabelText('Password'), 'guess');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Too many failed sign-in attempts. Try again in 7 seconds.');
    expect(fetch).toHaveBeenCalledWith('/api/session/login', expect.objectContaining({ method: 'POST' }));
  });
});
