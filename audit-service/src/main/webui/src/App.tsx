import { useEffect } from 'react';
import { useSession } from './auth/session';
import { setUtc, useDisplayZone } from './lib/timeZone';
import { NamesProvider } from './lib/names';
import { Link, matchPath, navigate, useLocation } from './lib/router';
import { AlertsPage } from './pages/AlertsPage';
import { AuditPage } from './pages/AuditPage';
import { IntegrityPage } from './pages/IntegrityPage';
import { LoginPage } from './pages/LoginPage';
import { ResourceHistoryPage } from './pages/ResourceHistoryPage';

const NAV = [
  { to: '/audit', label: 'Audit log', match: ['/audit', '/resources'] },
  { to: '/alerts', label: 'Alerts', match: ['/alerts'] },
  { to: '/integrity', label: 'Integrity', match: ['/integrity'] },
];

function Page({ pathname }: { pathname: string }) {
  const history = matchPath('/resources/:type/:id', pathname);
  if (history) {
    return <ResourceHistoryPage key={`${history.type}/${history.id}`} type={history.type} id={history.id} />;
  }
  switch (pathname) {
    case '/audit':
      return <AuditPage />;
    case '/alerts':
      return <AlertsPage />;
    case '/integrity':
      return <IntegrityPage />;
    default:
      return (
        <div className="page">
          <h1>Page not found</h1>
          <p>
            Nothing lives at <code>{pathname}</code>. <Link to="/audit">Go to the audit log</Link>.
          </p>
        </div>
      );
  }
}

export function App() {
  const { session, signOut } = useSession();
  const { pathname } = useLocation();
  const { zone, utc } = useDisplayZone();

  useEffect(() => {
    if (pathname === '/' || pathname === '/login' || pathname === '/index.html') {
      navigate('/audit', { replace: true });
    }
  }, [pathname]);

  useEffect(() => {
    const section = NAV.find((item) => item.match.some((m) => pathname.startsWith(m)));
    document.title = section ? `${section.label} · pjctrl audit` : 'pjctrl audit';
  }, [pathname]);

  if (!session) {
    return <LoginPage />;
  }

  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/audit" className="brand">
          <span className="brand-mark" aria-hidden="true">
            ✓
          </span>
          pjctrl <span>audit</span>
        </Link>
        <nav className="nav" aria-label="Main">
          {NAV.map((item) => {
            const active = item.match.some((m) => pathname.startsWith(m));
            return (
              <Link key={item.to} to={item.to} className={`nav-link ${active ? 'is-active' : ''}`} aria-current={active ? 'page' : undefined}>
                {item.label}
              </Link>
            );
          })}
        </nav>
        <div className="user">
          <button
            type="button"
            className="btn btn-small time-toggle"
            aria-pressed={utc}
            onClick={() => setUtc(!utc)}
            title={utc ? 'Times are shown in UTC; press to show your zone' : `Times are shown in ${zone}; press to show UTC`}
          >
            UTC<span className="sr-only"> times</span>
          </button>
          <span className="user-email" title={session.userId}>
            {session.email || 'signed in'}
          </span>
          {session.roles.map((role) => (
            <span key={role} className="role">
              {role}
            </span>
          ))}
          <button type="button" className="btn btn-small" onClick={() => signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <NamesProvider key={session.userId}>
          <Page pathname={pathname} />
        </NamesProvider>
      </main>
    </div>
  );
}
