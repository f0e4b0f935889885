// The session: token kept in sessionStorage (gone when the tab closes, never in a URL), claims decoded
// only to label the UI; the server checks the signature and roles on every call.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { configureClient, postJson, send } from '../api/client';
import type { LoginResponse } from '../api/types';

const STORAGE_KEY = 'pjctrl.audit.session';

export interface Session {
  token: string;
  email: string;
  userId: string;
  roles: string[];
  expiresAt: number;
}

interface SessionContextValue {
  session: Session | null;
  notice: string | null;
  signIn: (email: string, password: string) => Promise<void>;
  /** Without a notice: the user signed out (token revoked). With one: the session ended by itself. */
  signOut: (notice?: string) => void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

function decodeClaims(token: string): Record<string, unknown> {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(
      Array.from(atob(payload), (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''),
    );
    return JSON.parse(json);
  } catch {
    return {};
  }
}

export function sessionFromToken(token: string, expiresIn?: number, now: number = Date.now()): Session {
  const claims = decodeClaims(token);
  const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : now + (expiresIn ?? 3600) * 1000;
  return {
    token,
    email: String(claims.upn ?? claims.email ?? ''),
    userId: String(claims.sub ?? ''),
    roles: Array.isArray(claims.groups) ? claims.groups.map(String) : [],
    expiresAt: exp,
  };
}

function restore(): Session | null {
  try {
    const stored = sessionStorage.getItem(STORAGE_KEY);
    const session = stored ? (JSON.parse(stored) as Session) : null;
    return session && session.expiresAt > Date.now() ? session : null;
  } catch {
    return null;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(restore);
  const [notice, setNotice] = useState<string | null>(null);

  const signOut = useCallback((message?: string) => {
    if (!message && restore()) {
      // Best effort: project-service revokes the token's jti; the local session ends regardless.
      void send('/api/session/logout', { method: 'POST' }).catch(() => undefined);
    }
    sessionStorage.removeItem(STORAGE_KEY);
    setSession(null);
    setNotice(message ?? null);
  }, []);

  const signIn = useCallback(async (email: string, password: string) => {
    const response = await postJson<LoginResponse>('/api/session/login', { email, password });
    const next = sessionFromToken(response.access_token, response.expires_in);
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setNotice(null);
    setSession(next);
  }, []);

  // Set during render, not in an effect: the pages' effects (which fetch) run before this provider's effects.
  configureClient(
    () => restore()?.token ?? null,
    () => signOut('Your session has expired. Please sign in again.'),
  );

  useEffect(() => {
    if (!session) {
      return;
    }
    const timer = setTimeout(
      () => signOut('Your session has expired. Please sign in again.'),
      Math.max(0, session.expiresAt - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [session, signOut]);

  const value = useMemo(() => ({ session, notice, signIn, signOut }), [session, notice, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) {
    throw new Error('useSession outside SessionProvider');
  }
  return value;
}

export function isAdmin(session: Session | null): boolean {
  return session?.roles.includes('admin') ?? false;
}
