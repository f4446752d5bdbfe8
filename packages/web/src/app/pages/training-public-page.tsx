import type { PublicTrainingEvent } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { usePublicTrainingEvent } from '../../features/training-events/api/get-public-training-event.ts';
import { useRegisterPublic } from '../../features/training-events/api/register-public.ts';
import { eventWhen } from '../../features/training-events/components/format.ts';
import { RegistrationForm } from '../../features/training-events/components/registration-form.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { LanguageSwitch } from '../layout/language-switch.tsx';
import { PageTitle } from '../layout/page-title.tsx';

function PublicShell({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="public-page">
      <header className="public-header">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{t('app.name')}</span>
        </span>
        <LanguageSwitch />
      </header>
      <main id="main" className="public-main training-public">
        {children}
      </main>
      <footer className="public-footer">
        <p>{t('training.public.footer')}</p>
      </footer>
    </div>
  );
}

function Seats({ event }: { event: PublicTrainingEvent }) {
  const { t } = useTranslation();
  return (
    <ul className="public-seats">
      {event.seats
        .filter((s) => s.offered)
        .map((s) => (
          <li key={s.mode} className={s.remaining > 0 ? 'has-seats' : 'is-full'}>
            <span className="public-seats-mode">{t(`training.mode.${s.mode}`)}</span>
            <span className="public-seats-left">
              {s.remaining > 0 ? t('training.public.seatsLeft', { n: s.remaining }) : t('training.public.full')}
            </span>
          </li>
        ))}
    </ul>
  );
}

/** The invitation link on a phone: the event, seats left, a short form; no sign-in. */
export default function TrainingPublicPage() {
  const { t, i18n } = useTranslation();
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const query = usePublicTrainingEvent(token);
  const registerPublic = useRegisterPublic();

  if (query.isPending) {
    return (
      <PublicShell>
        <PageTitle>{t('training.public.title')}</PageTitle>
        <Loading />
      </PublicShell>
    );
  }
  if (query.isError) {
    const missing = isApiError(query.error, 404) || isApiError(query.error, 400);
    return (
      <PublicShell>
        <PageTitle>{t('training.public.title')}</PageTitle>
        <h1>{t('training.public.title')}</h1>
        <ErrorMessage
          error={query.error}
          message={
            missing
              ? t('training.public.notFound')
              : isApiError(query.error, 429)
                ? t('training.public.rateLimited')
                : undefined
          }
          onRetry={() => void query.refetch()}
        />
      </PublicShell>
    );
  }

  const e = query.data;
  return (
    <PublicShell>
      <PageTitle>{e.title}</PageTitle>
      <p className="public-kicker">{t('training.public.kicker')}</p>
      <h1>{e.title}</h1>
      <dl className="public-facts training-public-facts">
        <div>
          <dt>{t('training.detail.when')}</dt>
          <dd>{eventWhen(e.startsAt, e.endsAt, i18n.language, t('punctuation.range'))}</dd>
        </div>
        {e.venueName ? (
          <div>
            <dt>{t('training.detail.venue')}</dt>
            <dd>
              {e.venueName}
              {e.venueAddress ? <span className="row-sub">{e.venueAddress}</span> : null}
            </dd>
          </div>
        ) : null}
        {e.lecturer ? (
          <div>
            <dt>{t('training.detail.lecturer')}</dt>
            <dd>{e.lecturer}</dd>
          </div>
        ) : null}
        {e.intendedAudiences.length > 0 ? (
          <div>
            <dt>{t('training.detail.audiences')}</dt>
            <dd>{e.intendedAudiences.map((a) => t(`training.affiliation.${a}`)).join(t('punctuation.list'))}</dd>
          </div>
        ) : null}
      </dl>
      {e.description ? <p className="prewrap public-description">{e.description}</p> : null}
      <section className="public-card training-public-card" aria-labelledby="register-title">
        <h2 id="register-title">{t('training.public.formTitle')}</h2>
        <Seats event={e} />
        {e.registrationOpen ? (
          <>
            <p className="small muted">{t('training.public.formLead')}</p>
            <RegistrationForm
              audience="public"
              large
              modes={e.seats}
              submitLabel={t('training.public.submit')}
              submittingLabel={t('training.public.submitting')}
              onSubmit={async (body) => {
                try {
                  const result = await registerPublic.mutateAsync({ token, body });
                  navigate(`/tickets/${encodeURIComponent(result.ticketToken)}`, { state: { fresh: true } });
                } catch (error) {
                  // Closed while she was filling in (or seats moved): show the event as it is now.
                  if (isApiError(error, 409)) void query.refetch();
                  throw error;
                }
              }}
              describeFailure={(error) => {
                if (isApiError(error, 429))
                  return <ErrorMessage error={error} message={t('training.public.rateLimited')} />;
                if (isApiError(error, 409) && error.code === 'registration_closed') {
                  return <ErrorMessage error={error} message={t('training.public.closed')} />;
                }
                if (isApiError(error, 409) && error.code === 'already_registered') {
                  return <ErrorMessage error={error} message={t('training.public.alreadyRegistered')} />;
                }
                if (isApiError(error, 404))
                  return <ErrorMessage error={error} message={t('training.public.notFound')} />;
                return null;
              }}
            />
          </>
        ) : (
          <div className="alert alert-warning" role="status">
            <p>{e.status === 'cancelled' ? t('training.public.cancelled') : t('training.public.closed')}</p>
          </div>
        )}
      </section>
    </PublicShell>
  );
}
