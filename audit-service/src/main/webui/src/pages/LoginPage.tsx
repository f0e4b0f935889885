import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { useSession } from '../auth/session';
import { Field } from '../components/Field';

export function LoginPage() {
  const { signIn, notice } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
    } catch (e) {
      const status = e instanceof ApiError ? e.status : 0;
      setError(
        status === 401 || status === 400
          ? 'Email or password is not correct.'
          : status === 429
            ? `Too many failed sign-in attempts. Try again in ${(e as ApiError).retryAfter ?? 'a few'} seconds.`
            : status === 502 || status === 503 || status === 504
            ? 'The sign-in service is not reachable right now. Try again in a moment.'
            : (e as Error).message,
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true">
            ✓
          </span>
          pjctrl <span>audit</span>
        </div>
        <h1 id="login-title">Sign in</h1>
        <p className="muted">Use your pjctrl account. Auditors and admins only.</p>
        {notice && <p className="banner banner-warn">{notice}</p>}
        <Field label="Email" type="email" name="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required autoFocus />
        <Field label="Password" type="password" name="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        {error && (
          <p className="banner banner-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
