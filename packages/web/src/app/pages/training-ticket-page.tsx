import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { useCancelTicket } from '../../features/training-events/api/cancel-ticket.ts';
import { ticketQrUrl, ticketUrl, useTicket } from '../../features/training-events/api/get-ticket.ts';
import { eventWhen } from '../../features/training-events/components/format.ts';
import { JoinDetails } from '../../features/training-events/components/join-details.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { formatClock } from '../../lib/format.ts';
import { LanguageSwitch } from '../layout/language-switch.tsx';
import { PageTitle } from '../layout/page-title.tsx';

/**
 * The registrant's ticket: whether she has a seat or her place in the waitlist, the QR code staff
 * scan at the door (venue registrants), how to join online once confirmed, and the address. Made
 * for a phone held up at the door, and to print on one A4 sheet (staff print it from the event).
 */
export default function TrainingTicketPage() {
  const { t, i18n } = useTranslation();
  const { token = '' } = useParams();
  const location = useLocation();
  const fresh = (location.state as { fresh?: boolean } | null)?.fresh === true;
  const query = useTicket(token);
  const cancel = useCancelTicket();
  const [confirming, setConfirming] = useState(false);
  const [copied, setCopied] = useState(false);
  const url = ticketUrl(token);

  let body: React.ReactNode;
  if (query.isPending) body = <Loading />;
  else if (query.isError) {
    const missing = isApiError(query.error, 404) || isApiError(query.error, 400);
    body = (
      <>
        <h1>{t('training.ticket.title')}</h1>
        <ErrorMessage
          error={query.error}
          message={
            missing
              ? t('training.ticket.notFound')
              : isApiError(query.error, 429)
                ? t('training.public.rateLimited')
                : undefined
          }
          onRetry={() => void query.refetch()}
        />
      </>
    );
  } else {
    const ticket = query.data;
    const e = ticket.event;
    const state = ticket.status;
    const live = state !== 'cancelled' && e.status !== 'cancelled';
    // The door scans venue registrants; online ones are checked in by staff when they join.
    const showQr = live && ticket.mode === 'venue';
    body = (
      <>
        {fresh ? (
          <div className="alert alert-success ticket-no-print" role="status">
            <p>{state === 'waitlisted' ? t('training.ticket.freshWaitlisted') : t('training.ticket.fresh')}</p>
          </div>
        ) : null}
        <p className="public-kicker">{t('training.ticket.title')}</p>
        <h1>{e.title}</h1>
        <div className={`ticket-card ticket-${state}`}>
          <p className="ticket-status">
            {state === 'confirmed'
              ? t('training.ticket.confirmed')
              : state === 'waitlisted'
                ? t('training.ticket.waitlisted', { n: ticket.waitlistPosition ?? '' })
                : t('training.ticket.cancelled')}
          </p>
          {state === 'waitlisted' ? <p>{t('training.ticket.waitlistNote')}</p> : null}
          {ticket.checkedInAt ? (
            <p className="ticket-checked-in">
              {t('training.ticket.checkedIn', { time: formatClock(ticket.checkedInAt) })}
            </p>
          ) : null}
          {showQr ? (
            <figure className="ticket-qr">
              <img
                src={ticketQrUrl(token)}
                alt={t('training.ticket.qrAlt', { name: ticket.name })}
                width={264}
                height={264}
              />
              <figcaption>
                {state === 'waitlisted' ? t('training.ticket.qrLeadWaitlisted') : t('training.ticket.qrLead')}
              </figcaption>
            </figure>
          ) : null}
          {live && ticket.mode === 'online' && !ticket.checkedInAt ? (
            <p className="ticket-online-note">
              {ticket.onlineJoinDetails ? t('training.ticket.onlineLead') : t('training.ticket.onlinePending')}
            </p>
          ) : null}
          <dl className="public-facts ticket-facts">
            <div>
              <dt>{t('training.ticket.name')}</dt>
              <dd>{ticket.name}</dd>
            </div>
            <div>
              <dt>{t('training.detail.when')}</dt>
              <dd>{eventWhen(e.startsAt, e.endsAt, i18n.language, t('punctuation.range'))}</dd>
            </div>
            <div>
              <dt>{t('training.registration.mode')}</dt>
              <dd>{t(`training.mode.${ticket.mode}`)}</dd>
            </div>
            {e.venueName && ticket.mode === 'venue' ? (
              <div>
                <dt>{t('training.detail.venue')}</dt>
                <dd>
                  {e.venueName}
                  {e.venueAddress ? <span className="row-sub">{e.venueAddress}</span> : null}
                </dd>
              </div>
            ) : null}
          </dl>
          {ticket.onlineJoinDetails ? (
            <section className="ticket-join" aria-labelledby="ticket-join-title">
              <h2 id="ticket-join-title">{t('training.detail.onlineJoin')}</h2>
              <JoinDetails text={ticket.onlineJoinDetails} />
            </section>
          ) : null}
        </div>
        {e.status === 'cancelled' ? (
          <div className="alert alert-warning" role="status">
            <p>{t('training.public.cancelled')}</p>
          </div>
        ) : null}
        {live ? (
          <p className="ticket-actions ticket-no-print">
            <button type="button" className="button button-secondary" onClick={() => window.print()}>
              {t('training.ticket.print')}
            </button>
          </p>
        ) : null}
        {state !== 'cancelled' ? (
          <section className="ticket-link ticket-no-print" aria-labelledby="ticket-link-title">
            <h2 id="ticket-link-title">{t('training.ticket.linkTitle')}</h2>
            <p>{t('training.ticket.linkLead')}</p>
            <p className="ticket-url">
              <a href={url}>{url}</a>
            </p>
            <button
              type="button"
              className="button button-secondary"
              onClick={() =>
                void navigator.clipboard?.writeText(url).then(
                  () => setCopied(true),
                  () => setCopied(false),
                )
              }
            >
              {t('training.detail.copyLink')}
            </button>
            <span role="status" className="small">
              {copied ? ` ${t('training.detail.copied')}` : ''}
            </span>
          </section>
        ) : null}
        {state !== 'cancelled' && !ticket.checkedInAt && e.status !== 'cancelled' && e.status !== 'held' ? (
          <section className="ticket-cancel ticket-no-print" aria-labelledby="ticket-cancel-title">
            <h2 id="ticket-cancel-title">{t('training.ticket.cancelTitle')}</h2>
            {cancel.isError ? <ErrorMessage error={cancel.error} /> : null}
            {confirming ? (
              <>
                <p>{t('training.ticket.cancelQuestion')}</p>
                <div className="form-actions">
                  <button
                    type="button"
                    className="button button-danger"
                    disabled={cancel.isPending}
                    onClick={() => cancel.mutate(token, { onSuccess: () => setConfirming(false) })}
                  >
                    {t('training.ticket.cancelConfirm')}
                  </button>
                  <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
                    {t('training.ticket.cancelKeep')}
                  </button>
                </div>
              </>
            ) : (
              <button type="button" className="button button-danger-quiet" onClick={() => setConfirming(true)}>
                {t('training.ticket.cancel')}
              </button>
            )}
          </section>
        ) : null}
      </>
    );
  }

  return (
    <div className="public-page ticket-page">
      <PageTitle>{t('training.ticket.title')}</PageTitle>
      <header className="public-header">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{t('app.name')}</span>
        </span>
        <LanguageSwitch />
      </header>
      <main id="main" className="public-main training-public">
        {body}
      </main>
      <footer className="public-footer">
        <p>{t('training.public.footer')}</p>
      </footer>
    </div>
  );
}
