import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { Loading } from '../../components/loading.tsx';
import { useMe } from '../../features/auth/api/get-me.ts';
import { SignInForm } from '../../features/auth/components/sign-in-form.tsx';
import { LanguageSwitch } from '../layout/language-switch.tsx';
import { PageTitle } from '../layout/page-title.tsx';

/** Only paths inside this app: `?next=//evil.example` must not send anyone elsewhere. */
function safeNext(value: string | null): string {
  return value && /^\/(?![/\\])/.test(value) ? value : '/';
}

export default function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const me = useMe();

  if (me.isPending) return <Loading />;
  if (me.data) return <Navigate to={next} replace />;

  return (
    <div className="auth-page">
      <PageTitle>{t('signIn.title')}</PageTitle>
      <header className="auth-header">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </span>
        <LanguageSwitch />
      </header>
      <main id="main" className="auth-main">
        <div className="card auth-card">
          <h1>{t('signIn.title')}</h1>
          <p className="lead">{t('signIn.lead')}</p>
          <SignInForm onSignedIn={() => navigate(next, { replace: true })} />
        </div>
        <p className="auth-aside">
          <Link to="/directory">{t('signIn.publicLink')}</Link>
        </p>
      </main>
    </div>
  );
}
