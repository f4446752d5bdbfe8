import type { Me, TrainingCheckIn, TrainingEvent, TrainingRegistration } from '@tsunagari/shared';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorMessage, useErrorText } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { RequireAuth } from '../../features/auth/components/require-auth.tsx';
import { canManageTraining } from '../../features/training-events/access.ts';
import { useCheckInByTicket } from '../../features/training-events/api/check-in-by-ticket.ts';
import { useCreateRegistration } from '../../features/training-events/api/create-registration.ts';
import { useAttendance } from '../../features/training-events/api/get-attendance.ts';
import { useRegistrationSearch } from '../../features/training-events/api/get-registrations.ts';
import { useTrainingEvent } from '../../features/training-events/api/get-training-event.ts';
import { useUpdateAttendance } from '../../features/training-events/api/update-attendance.ts';
import { ModeBadge, RegistrationStatusText } from '../../features/training-events/components/badges.tsx';
import { type CheckInOutcome, CheckInResult } from '../../features/training-events/components/check-in-result.tsx';
import { eventWhen } from '../../features/training-events/components/format.ts';
import { conflictText } from '../../features/training-events/components/messages.ts';
import { Modal } from '../../features/training-events/components/modal.tsx';
import { RegistrationForm } from '../../features/training-events/components/registration-form.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { formatClock } from '../../lib/format.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { LanguageSwitch } from '../layout/language-switch.tsx';
import { PageTitle } from '../layout/page-title.tsx';

/** What a QR scanner types: the ticket URL, or a bare token (no kana, no spaces, long). */
const looksLikeTicket = (text: string) =>
  /^https?:\/\//i.test(text) || /\/tickets\//.test(text) || /^[\w-]{20,}$/.test(text);

/** 会場 受付 12 / 確定 28: who is in, per mode, refreshed every few seconds for all tablets. */
function LiveCounts({ event, attended }: { event: TrainingEvent; attended: Record<string, number> | null }) {
  const { t } = useTranslation();
  const offered = event.seats.filter((s) => s.capacity > 0 || s.confirmed > 0);
  const total = offered.reduce((sum, s) => sum + s.confirmed, 0);
  return (
    <section className="checkin-counts" aria-labelledby="checkin-counts-title">
      <h2 id="checkin-counts-title" className="visually-hidden">
        {t('training.checkIn.counts')}
      </h2>
      <dl>
        {offered.map((s) => (
          <div key={s.mode} className="checkin-count">
            <dt>{t(`training.mode.${s.mode}`)}</dt>
            <dd>
              <span className="checkin-count-main" data-testid={`count-${s.mode}`}>
                {t('training.checkIn.countValue', { attended: attended?.[s.mode] ?? '–', confirmed: s.confirmed })}
              </span>
              <span className="checkin-count-sub">
                {t('training.checkIn.countSub', { capacity: s.capacity, waitlisted: s.waitlisted })}
              </span>
            </dd>
          </div>
        ))}
        <div className="checkin-count checkin-count-total">
          <dt>{t('training.checkIn.total')}</dt>
          <dd>
            <span className="checkin-count-main" data-testid="count-total">
              {t('training.checkIn.countValue', { attended: event.checkedIn, confirmed: total })}
            </span>
            <span className="checkin-count-sub">{t('training.checkIn.totalSub')}</span>
          </dd>
        </div>
      </dl>
    </section>
  );
}

interface RowProps {
  r: TrainingRegistration;
  busy: boolean;
  editable: boolean;
  onCheckIn: (r: TrainingRegistration, overrideCapacity?: boolean) => void;
  onUndo: (r: TrainingRegistration) => void;
}

function ResultRow({ r, busy, editable, onCheckIn, onUndo }: RowProps) {
  const { t } = useTranslation();
  const [confirmOverride, setConfirmOverride] = useState(false);
  let action: React.ReactNode = null;
  if (r.checkedInAt) {
    action = (
      <div className="checkin-row-done">
        <span className="checkin-done-text">
          <span aria-hidden="true">✓ </span>
          {t('training.checkIn.checkedInAt', { time: formatClock(r.checkedInAt) })}
        </span>
        {editable ? (
          <button
            type="button"
            className="button button-quiet"
            disabled={busy}
            aria-label={t('training.checkIn.undoFor', { name: r.name })}
            onClick={() => onUndo(r)}
          >
            {t('training.checkIn.undo')}
          </button>
        ) : null}
      </div>
    );
  } else if (r.status === 'cancelled') {
    action = <span className="checkin-row-note">{t('training.checkIn.cancelledRegistration')}</span>;
  } else if (!editable) {
    action = null;
  } else if (r.status === 'waitlisted') {
    action = confirmOverride ? (
      <div className="checkin-row-confirm">
        <p>{t('training.checkIn.overrideQuestion')}</p>
        <button
          type="button"
          className="button button-primary button-large"
          disabled={busy}
          onClick={() => onCheckIn(r, true)}
        >
          {t('training.checkIn.overrideWaitlist')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => setConfirmOverride(false)}>
          {t('training.checkIn.overrideNo')}
        </button>
      </div>
    ) : (
      <button
        type="button"
        className="button button-secondary button-large"
        disabled={busy}
        aria-label={t('training.checkIn.checkInWaitlistedFor', { name: r.name })}
        onClick={() => setConfirmOverride(true)}
      >
        {t('training.checkIn.checkInWaitlisted')}
      </button>
    );
  } else {
    action = (
      <button
        type="button"
        className="button button-primary button-large checkin-button"
        disabled={busy}
        aria-label={t('training.checkIn.checkInFor', { name: r.name })}
        onClick={() => onCheckIn(r)}
      >
        {t('training.checkIn.checkIn')}
      </button>
    );
  }
  return (
    <li className={`checkin-row${r.checkedInAt ? ' is-in' : ''}${r.status === 'cancelled' ? ' is-cancelled' : ''}`}>
      <div className="checkin-person">
        <p className="checkin-name">{r.name}</p>
        {r.nameKana ? <p className="checkin-kana">{r.nameKana}</p> : null}
        <p className="checkin-meta">
          <ModeBadge mode={r.mode} /> <RegistrationStatusText registration={r} />{' '}
          <span>
            {t(`training.affiliation.${r.affiliation}`)}
            {r.organisationName ? `・${r.organisationName}` : ''}
          </span>
          {r.noShow ? <span className="badge badge-muted">{t('training.registration.noShow')}</span> : null}
        </p>
      </div>
      <div className="checkin-action">{action}</div>
    </li>
  );
}

function CheckInScreen({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const formId = useId();
  const event = useTrainingEvent(id, true);
  const attendance = useAttendance(id, true);
  const mark = useUpdateAttendance();
  const byTicket = useCheckInByTicket();
  const walkIn = useCreateRegistration();
  const [search, setSearch] = useState('');
  const [ticket, setTicket] = useState('');
  const [outcome, setOutcome] = useState<CheckInOutcome | null>(null);
  const [walkInOpen, setWalkInOpen] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const ticketRef = useRef<HTMLInputElement>(null);
  const q = useDebounced(search.trim(), 200);
  const results = useRegistrationSearch(id, looksLikeTicket(q) ? '' : q);

  // The door's first move is a name or a scan: start in the search box.
  const loaded = event.isSuccess;
  useEffect(() => {
    if (loaded) searchRef.current?.focus();
  }, [loaded]);

  const failure = (error: unknown, retry?: () => void) => {
    // A scanned ticket that cannot be taken as it is comes back with whose it is.
    const who = isApiError(error, 409)
      ? (error.problem as { registration?: TrainingRegistration } | null)?.registration
      : undefined;
    const whoText = who ? { name: who.name, mode: t(`training.mode.${who.mode}`) } : null;
    if (isApiError(error, 409) && error.code === 'not_confirmed' && retry) {
      const text = whoText
        ? t('training.checkIn.waitlistedTicketWho', { ...whoText, n: who?.waitlistPosition ?? '' })
        : t('training.checkIn.waitlistedTicket');
      setOutcome({ kind: 'waitlisted', text, retry });
    } else if (isApiError(error, 409) && error.code === 'registration_cancelled' && whoText) {
      setOutcome({ kind: 'error', text: t('training.checkIn.cancelledTicketWho', whoText) });
    } else if (isApiError(error, 404) && error.code === 'ticket_not_found') {
      setOutcome({ kind: 'error', text: t('training.conflict.ticket_not_found') });
    } else if (isApiError(error, 400)) {
      setOutcome({ kind: 'error', text: t('training.checkIn.badTicket') });
    } else if (isApiError(error, 409)) {
      setOutcome({ kind: 'error', text: conflictText(t, error.code) });
    } else setOutcome({ kind: 'error', text: errorText(error) });
  };

  const done = (result: TrainingCheckIn) =>
    setOutcome(
      result.alreadyCheckedIn ? { kind: 'already', registration: result } : { kind: 'checkedIn', registration: result },
    );

  const checkIn = (r: TrainingRegistration, overrideCapacity = false) =>
    mark.mutate(
      { registration: r, action: 'checkIn', overrideCapacity },
      {
        onSuccess: (result) => {
          done(result as TrainingCheckIn);
          // Ready for the next person at the door.
          setSearch('');
          searchRef.current?.focus();
        },
        onError: (error) => failure(error),
      },
    );

  const undo = (r: TrainingRegistration) =>
    mark.mutate(
      { registration: r, action: 'undoCheckIn' },
      {
        onSuccess: (result) => setOutcome({ kind: 'undone', registration: result }),
        onError: (error) => failure(error),
      },
    );

  const scan = (text: string, overrideCapacity = false) => {
    const value = text.trim();
    if (!value) return;
    byTicket.mutate(
      { eventId: id, ticket: value, overrideCapacity },
      {
        onSuccess: done,
        onError: (error) => failure(error, () => scan(value, true)),
      },
    );
  };

  const onTicket = (e: FormEvent) => {
    e.preventDefault();
    scan(ticket);
    setTicket('');
    ticketRef.current?.focus();
  };

  // A scanner that types into the search box: Enter on something ticket-shaped checks it in.
  const onSearchSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (looksLikeTicket(search.trim())) {
      scan(search);
      setSearch('');
    }
  };

  if (event.isPending) return <Loading />;
  if (event.isError) {
    const missing = isApiError(event.error, 404) || isApiError(event.error, 400);
    return (
      <main className="checkin-main">
        <ErrorMessage
          error={event.error}
          message={missing ? t('training.detail.notFound') : undefined}
          onRetry={() => void event.refetch()}
        />
        <p>
          <Link to="/training">{t('training.detail.back')}</Link>
        </p>
      </main>
    );
  }

  const e = event.data.event;
  const editable = e.status !== 'cancelled';
  const attended = attendance.data
    ? Object.fromEntries(attendance.data.counts.byMode.map((m) => [m.mode, m.attended]))
    : null;
  const busy = mark.isPending || byTicket.isPending;
  const items = results.data?.items ?? [];

  return (
    <>
      <PageTitle>{t('training.checkIn.title', { title: e.title })}</PageTitle>
      <header className="checkin-header">
        <Link to={`/training/${e.id}`} className="button button-quiet checkin-back">
          ← {t('training.checkIn.back')}
        </Link>
        <div className="checkin-event">
          <h1>
            <span className="checkin-label">{t('training.checkIn.heading')}</span>
            {e.title}
          </h1>
          <p>{eventWhen(e.startsAt, e.endsAt, i18n.language, t('punctuation.range'))}</p>
        </div>
        <LanguageSwitch />
      </header>
      <main id="main" className="checkin-main">
        {!editable ? (
          <div className="alert alert-error" role="alert">
            <p>{t('training.conflict.event_cancelled')}</p>
          </div>
        ) : null}
        <LiveCounts event={e} attended={attended} />
        <CheckInResult outcome={outcome} onUndo={undo} onDismiss={() => setOutcome(null)} busy={busy} />
        <div className="checkin-grid">
          <section className="checkin-search" aria-labelledby={`${formId}-search-title`}>
            <h2 id={`${formId}-search-title`} className="visually-hidden">
              {t('training.checkIn.searchTitle')}
            </h2>
            <search>
              <form onSubmit={onSearchSubmit}>
                <label htmlFor={`${formId}-search`} className="checkin-field-label">
                  {t('training.checkIn.search')}
                </label>
                <input
                  ref={searchRef}
                  id={`${formId}-search`}
                  className="checkin-input"
                  type="search"
                  value={search}
                  maxLength={100}
                  autoComplete="off"
                  placeholder={t('training.checkIn.searchPlaceholder')}
                  onChange={(ev) => setSearch(ev.target.value)}
                />
              </form>
            </search>
            {q === '' || looksLikeTicket(q) ? (
              <p className="checkin-hint">{t('training.checkIn.searchHint')}</p>
            ) : results.isPending ? (
              <Loading />
            ) : results.isError ? (
              <ErrorMessage error={results.error} onRetry={() => void results.refetch()} />
            ) : items.length === 0 ? (
              <p className="checkin-hint">{t('training.checkIn.noMatch', { q })}</p>
            ) : (
              <>
                <p className="visually-hidden" aria-live="polite">
                  {t('training.checkIn.matches', { n: items.length })}
                </p>
                <ul className={`checkin-results${results.isPlaceholderData ? ' is-stale' : ''}`}>
                  {items.map((r) => (
                    <ResultRow key={r.id} r={r} busy={busy} editable={editable} onCheckIn={checkIn} onUndo={undo} />
                  ))}
                </ul>
                {results.data?.nextCursor ? <p className="checkin-hint">{t('training.checkIn.narrow')}</p> : null}
              </>
            )}
          </section>
          <aside className="checkin-side">
            <form className="checkin-ticket" onSubmit={onTicket}>
              <label htmlFor={`${formId}-ticket`} className="checkin-field-label">
                {t('training.checkIn.ticket')}
              </label>
              <p id={`${formId}-ticket-hint`} className="checkin-hint">
                {t('training.checkIn.ticketHint')}
              </p>
              <div className="checkin-ticket-row">
                <input
                  ref={ticketRef}
                  id={`${formId}-ticket`}
                  className="checkin-input"
                  type="text"
                  inputMode="url"
                  value={ticket}
                  maxLength={512}
                  autoComplete="off"
                  autoCapitalize="off"
                  spellCheck={false}
                  aria-describedby={`${formId}-ticket-hint`}
                  disabled={!editable}
                  onChange={(ev) => setTicket(ev.target.value)}
                />
                {/* Never disabled while a check-in is on its way: a disabled submit button swallows the
                    scanner's Enter, and the next scan would be typed onto the end of this one. */}
                <button type="submit" className="button button-primary button-large" disabled={!editable}>
                  {t('training.checkIn.ticketSubmit')}
                </button>
              </div>
            </form>
            <div className="checkin-walkin">
              <button
                type="button"
                className="button button-secondary button-large button-wide"
                disabled={!editable}
                onClick={() => setWalkInOpen(true)}
              >
                + {t('training.checkIn.walkIn')}
              </button>
              <p className="checkin-hint">{t('training.checkIn.walkInHint')}</p>
            </div>
          </aside>
        </div>
      </main>
      <Modal
        open={walkInOpen}
        title={t('training.checkIn.walkInTitle')}
        onClose={() => setWalkInOpen(false)}
        className="dialog-wide"
      >
        <RegistrationForm
          audience="staff"
          large
          walkIn
          modes={e.seats.map((s) => ({ mode: s.mode, offered: s.capacity > 0, remaining: s.remaining }))}
          submitLabel={t('training.checkIn.walkInSubmit')}
          submittingLabel={t('training.detail.registering')}
          onCancel={() => setWalkInOpen(false)}
          onSubmit={async (payload) => {
            const created = await walkIn.mutateAsync({ eventId: e.id, body: payload });
            setWalkInOpen(false);
            setOutcome({ kind: 'checkedIn', registration: created, walkIn: true });
          }}
        />
      </Modal>
    </>
  );
}

function Guard({ me, id }: { me: Me; id: string }) {
  const { t } = useTranslation();
  if (!canManageTraining(me.role)) {
    return (
      <main className="checkin-main">
        <div className="alert alert-error" role="alert">
          <p>{t('forbidden.body', { role: t(`app.role.${me.role}`) })}</p>
        </div>
      </main>
    );
  }
  return <CheckInScreen id={id} />;
}

/** The door: a screen of its own (no menu), for a tablet held or stood at the entrance. */
export default function TrainingCheckInPage() {
  const { id = '' } = useParams();
  return (
    <div className="checkin-page">
      <RequireAuth>{(me) => <Guard me={me} id={id} />}</RequireAuth>
    </div>
  );
}
