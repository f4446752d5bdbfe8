import type { Me } from '@tsunagari/shared';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useSignOut } from '../../features/auth/api/sign-out.ts';
import { RequireAuth } from '../../features/auth/components/require-auth.tsx';
import { adminParts, programmeParts } from '../parts.ts';
import { LanguageSwitch } from './language-switch.tsx';

function Navigation({ me, id }: { me: Me; id: string }) {
  const { t } = useTranslation();
  const item = (part: { key: string; path: string; built: boolean }) => (
    <li key={part.key}>
      <NavLink to={part.path} className="nav-link">
        <span>{t(`nav.${part.key as 'windows'}`)}</span>
        {part.built ? null : <span className="nav-tag">{t('app.notBuiltTag')}</span>}
      </NavLink>
    </li>
  );
  return (
    <nav id={id} className="side-nav" aria-label={t('app.mainNav')}>
      <ul className="nav-list">{programmeParts.map(item)}</ul>
      {me.role === 'admin' ? (
        <>
          <h2 className="nav-group">{t('nav.adminGroup')}</h2>
          <ul className="nav-list">{adminParts.map(item)}</ul>
        </>
      ) : null}
      <h2 className="nav-group">{t('nav.publicGroup')}</h2>
      <ul className="nav-list">
        <li>
          <Link to="/directory" className="nav-link">
            {t('nav.directory')}
          </Link>
        </li>
      </ul>
    </nav>
  );
}

function Shell({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const signOut = useSignOut();
  const [menuOpen, setMenuOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const firstPath = useRef(location.pathname);

  // A narrow screen shows the menu on demand; following a link closes it again. A page change
  // also moves focus to the new page, so that a screen reader starts reading it there.
  useEffect(() => {
    setMenuOpen(false);
    if (location.pathname !== firstPath.current) {
      firstPath.current = '';
      mainRef.current?.focus();
    }
  }, [location.pathname]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </Link>
        <div className="topbar-user">
          <p className="user-info">
            <span className="visually-hidden">{t('app.signedInAs')} </span>
            <span className="user-name">{me.displayName}</span>
            <span className="role-badge">{t(`app.role.${me.role}`)}</span>
            <span className="user-org">{me.organisationName}</span>
          </p>
          <LanguageSwitch />
          <button
            type="button"
            className="button button-quiet"
            disabled={signOut.isPending}
            onClick={() => signOut.mutate(undefined, { onSuccess: () => navigate('/sign-in', { replace: true }) })}
          >
            {signOut.isPending ? t('app.signingOut') : t('app.signOut')}
          </button>
          <button
            type="button"
            className="button button-quiet menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="main-nav"
            onClick={() => setMenuOpen((open) => !open)}
          >
            {t('app.menu')}
          </button>
        </div>
      </header>
      <div className={`shell-body${menuOpen ? ' menu-open' : ''}`}>
        <Navigation me={me} id="main-nav" />
        <main id="main" className="main" tabIndex={-1} ref={mainRef}>
          <Outlet context={me} />
        </main>
      </div>
    </div>
  );
}

export default function AppShell() {
  return <RequireAuth>{(me) => <Shell me={me} />}</RequireAuth>;
}
