import type { RegistrationStatus, TrainingCancellation, TrainingRegistration } from '@tsunagari/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorMessage, useErrorText } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { canManageTraining } from '../../features/training-events/access.ts';
import { useCreateRegistration } from '../../features/training-events/api/create-registration.ts';
import { useDeleteTrainingEvent } from '../../features/training-events/api/delete-training-event.ts';
import { attendanceCsvUrl, useAttendance } from '../../features/training-events/api/get-attendance.ts';
import { registrationsCsvUrl, useRegistrations } from '../../features/training-events/api/get-registrations.ts';
import { useTrainingEvent } from '../../features/training-events/api/get-training-event.ts';
import type { RegistrationFilters } from '../../features/training-events/api/keys.ts';
import { type AttendanceAction, useUpdateAttendance } from '../../features/training-events/api/update-attendance.ts';
import { AttendanceSummary } from '../../features/training-events/components/attendance-summary.tsx';
import { EventStatusBadge } from '../../features/training-events/components/badges.tsx';
import { CancelRegistrationDialog } from '../../features/training-events/components/cancel-registration-dialog.tsx';
import { CapacityBars } from '../../features/training-events/components/capacity-bars.tsx';
import { EventFacts } from '../../features/training-events/components/event-facts.tsx';
import { fiscalYearLabel } from '../../features/training-events/components/format.ts';
import { ImportDialog } from '../../features/training-events/components/import-dialog.tsx';
import { conflictText } from '../../features/training-events/components/messages.ts';
import { Modal } from '../../features/training-events/components/modal.tsx';
import { RegistrationForm } from '../../features/training-events/components/registration-form.tsx';
import { RegistrationsTable } from '../../features/training-events/components/registrations-table.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { Flash } from '../layout/flash.tsx';
import { PageTitle } from '../layout/page-title.tsx';
import { useSession } from '../layout/session.ts';
import { Forbidden } from './forbidden.tsx';

interface Notice {
  kind: 'success' | 'error';
  text: string;
}

function RegistrationFilterBar({
  values,
  onChange,
}: {
  values: { q: string; status: string; mode: string; checkedIn: string };
  onChange: (values: { q: string; status: string; mode: string; checkedIn: string }) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <search className="filters filters-compact" aria-label={t('training.registrations.filters')}>
      <div className="field">
        <label htmlFor={`${id}-q`} className="field-label">
          {t('training.registrations.search')}
        </label>
        <input
          id={`${id}-q`}
          type="search"
          value={values.q}
          maxLength={100}
          placeholder={t('training.registrations.searchPlaceholder')}
          onChange={(e) => onChange({ ...values, q: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-status`} className="field-label">
          {t('training.registration.statusColumn')}
        </label>
        <select
          id={`${id}-status`}
          value={values.status}
          onChange={(e) => onChange({ ...values, status: e.target.value })}
        >
          <option value="">{t('training.registrations.all')}</option>
          {(['confirmed', 'waitlisted', 'cancelled'] as const).map((s) => (
            <option key={s} value={s}>
              {t(`training.registration.status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-mode`} className="field-label">
          {t('training.registration.mode')}
        </label>
        <select id={`${id}-mode`} value={values.mode} onChange={(e) => onChange({ ...values, mode: e.target.value })}>
          <option value="">{t('training.registrations.all')}</option>
          <option value="venue">{t('training.mode.venue')}</option>
          <option value="online">{t('training.mode.online')}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-checked`} className="field-label">
          {t('training.registration.attendance')}
        </label>
        <select
          id={`${id}-checked`}
          value={values.checkedIn}
          onChange={(e) => onChange({ ...values, checkedIn: e.target.value })}
        >
          <option value="">{t('training.registrations.all')}</option>
          <option value="true">{t('training.registrations.checkedIn')}</option>
          <option value="false">{t('training.registrations.notCheckedIn')}</option>
        </select>
      </div>
    </search>
  );
}

function Registrations({
  eventId,
  editable,
  onNotice,
  onCancel,
}: {
  eventId: string;
  editable: boolean;
  onNotice: (notice: Notice) => void;
  onCancel: (r: TrainingRegistration) => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [filters, setFilters] = useState({ q: '', status: '', mode: '', checkedIn: '' });
  const q = useDebounced(filters.q.trim(), 250);
  const apiFilters: RegistrationFilters = {
    q: q || undefined,
    status: (filters.status || undefined) as RegistrationStatus | undefined,
    mode: (filters.mode || undefined) as RegistrationFilters['mode'],
    checkedIn: filters.checkedIn === '' ? undefined : filters.checkedIn === 'true',
  };
  const query = useRegistrations(eventId, apiFilters);
  const attendance = useUpdateAttendance();
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Object.values(apiFilters).some((v) => v !== undefined);

  const act = (r: TrainingRegistration, action: AttendanceAction) =>
    attendance.mutate(
      { registration: r, action },
      {
        onSuccess: () =>
          onNotice({ kind: 'success', text: t(`training.registrations.done.${action}`, { name: r.name }) }),
        onError: (error) =>
          onNotice({
            kind: 'error',
            text: isApiError(error, 409) ? conflictText(t, error.code) : errorText(error),
          }),
      },
    );

  return (
    <>
      <RegistrationFilterBar values={filters} onChange={setFilters} />
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <div className={query.isPlaceholderData ? 'is-stale' : undefined}>
          <p className="result-count" aria-live="polite">
            {query.hasNextPage
              ? t('training.registrations.countMore', { n: rows.length })
              : t('training.registrations.count', { n: rows.length })}
          </p>
          {rows.length === 0 ? (
            <p className="empty">
              {filtered ? t('training.registrations.emptyFiltered') : t('training.registrations.empty')}
            </p>
          ) : (
            <RegistrationsTable
              registrations={rows}
              editable={editable}
              busyId={attendance.isPending ? (attendance.variables?.registration.id ?? null) : null}
              onAction={act}
              onCancel={onCancel}
            />
          )}
          {query.hasNextPage ? (
            <p className="load-more">
              <button
                type="button"
                className="button button-secondary"
                disabled={query.isFetchingNextPage}
                onClick={() => void query.fetchNextPage()}
              >
                {t('training.list.loadMore')}
              </button>
            </p>
          ) : null}
        </div>
      )}
    </>
  );
}

export default function TrainingEventPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const me = useSession();
  const navigate = useNavigate();
  const query = useTrainingEvent(id);
  const attendance = useAttendance(id);
  const createRegistration = useCreateRegistration();
  const deleteEvent = useDeleteTrainingEvent();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [registering, setRegistering] = useState(false);
  const [importing, setImporting] = useState(false);
  const [cancelling, setCancelling] = useState<TrainingRegistration | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  if (!canManageTraining(me.role)) return <Forbidden role={me.role} />;

  const back = (
    <p className="back-link">
      <Link to="/training">← {t('training.detail.back')}</Link>
    </p>
  );
  if (query.isPending) return <Loading />;
  if (query.isError) {
    const missing = isApiError(query.error, 404) || isApiError(query.error, 400);
    return (
      <>
        <PageTitle>{t('training.title')}</PageTitle>
        {back}
        <ErrorMessage
          error={query.error}
          message={missing ? t('training.detail.notFound') : undefined}
          onRetry={() => void query.refetch()}
        />
      </>
    );
  }

  const e = query.data.event;
  const editable = e.status !== 'cancelled';
  const attended = attendance.data
    ? Object.fromEntries(attendance.data.counts.byMode.map((m) => [m.mode, m.attended]))
    : undefined;

  const onCancelled = ({ promoted, ...cancelled }: TrainingCancellation) => {
    setCancelling(null);
    setNotice({
      kind: 'success',
      text: promoted
        ? t('training.cancel.doneWithPromotion', {
            name: cancelled.name,
            promoted: promoted.name,
            mode: t(`training.mode.${promoted.mode}`),
          })
        : t('training.cancel.done', { name: cancelled.name }),
    });
  };

  return (
    <>
      <PageTitle>{e.title}</PageTitle>
      {back}
      <div className="page-head">
        <div>
          <h1>{e.title}</h1>
          <p className="badges">
            <EventStatusBadge status={e.status} />
            <span className="badge badge-muted">{fiscalYearLabel(e.fiscalYear, i18n.language)}</span>
          </p>
        </div>
        <div className="page-actions">
          {editable ? (
            <Link to={`/training/${e.id}/check-in`} className="button button-primary">
              {t('training.detail.openCheckIn')}
            </Link>
          ) : null}
          <Link to={`/training/${e.id}/edit`} className="button button-secondary">
            {t('training.detail.edit')}
          </Link>
          {e.checkedIn === 0 ? (
            <button type="button" className="button button-danger-quiet" onClick={() => setConfirmDelete(true)}>
              {t('training.detail.delete')}
            </button>
          ) : null}
        </div>
      </div>
      <Flash />
      {e.contactDetailsPurgedAt ? (
        <div className="alert alert-info">
          <p>{t('training.detail.purged', { time: formatDateTime(e.contactDetailsPurgedAt, i18n.language) })}</p>
        </div>
      ) : null}
      <div className="detail-grid">
        <div className="detail-main">
          <section className="panel" aria-labelledby="seats-title">
            <h2 id="seats-title">{t('training.detail.seats')}</h2>
            <CapacityBars seats={e.seats} attended={attended} />
          </section>
          <section className="panel" aria-labelledby="attendance-title">
            <div className="panel-head">
              <h2 id="attendance-title">{t('training.detail.attendance')}</h2>
              <a className="button button-quiet button-small" href={attendanceCsvUrl(e.id)} download>
                {t('training.detail.exportAttendance')}
              </a>
            </div>
            {attendance.isPending ? (
              <Loading />
            ) : attendance.isError ? (
              <ErrorMessage error={attendance.error} onRetry={() => void attendance.refetch()} />
            ) : (
              <AttendanceSummary attendance={attendance.data} />
            )}
          </section>
        </div>
        <div className="detail-side">
          <section className="panel" aria-labelledby="facts-title">
            <h2 id="facts-title">{t('training.detail.facts')}</h2>
            <EventFacts event={e} />
          </section>
        </div>
      </div>
      {/* The table needs the whole width: seven columns and the row's actions. */}
      <section className="panel" aria-labelledby="registrations-title">
        <div className="panel-head">
          <h2 id="registrations-title">{t('training.detail.registrations')}</h2>
          <div className="page-actions">
            {editable ? (
              <>
                <button type="button" className="button button-primary" onClick={() => setRegistering(true)}>
                  + {t('training.detail.register')}
                </button>
                <button type="button" className="button button-secondary" onClick={() => setImporting(true)}>
                  {t('training.detail.import')}
                </button>
              </>
            ) : null}
            <a className="button button-quiet" href={registrationsCsvUrl(e.id)} download>
              {t('training.detail.exportList')}
            </a>
          </div>
        </div>
        {/* Next to the table the change was made in; a live region present before it speaks. */}
        <div role="status">
          {notice?.kind === 'success' ? (
            <div className="alert alert-success">
              <p>{notice.text}</p>
            </div>
          ) : null}
        </div>
        {notice?.kind === 'error' ? (
          <div className="alert alert-error" role="alert">
            <p>{notice.text}</p>
          </div>
        ) : null}
        <Registrations eventId={e.id} editable={editable} onNotice={setNotice} onCancel={(r) => setCancelling(r)} />
      </section>
      <p className="muted small">
        {t('training.detail.updatedAt', { time: formatDateTime(e.updatedAt, i18n.language) })}
      </p>

      <Modal
        open={registering}
        title={t('training.detail.registerTitle')}
        onClose={() => setRegistering(false)}
        className="dialog-wide"
      >
        <RegistrationForm
          audience="staff"
          modes={e.seats.map((s) => ({ mode: s.mode, offered: s.capacity > 0, remaining: s.remaining }))}
          walkIn={false}
          submitLabel={t('training.detail.registerSubmit')}
          submittingLabel={t('training.detail.registering')}
          onCancel={() => setRegistering(false)}
          onSubmit={async (payload) => {
            const created = await createRegistration.mutateAsync({ eventId: e.id, body: payload });
            setRegistering(false);
            setNotice({
              kind: 'success',
              text:
                created.status === 'waitlisted'
                  ? t('training.detail.registeredWaitlisted', { name: created.name, n: created.waitlistPosition ?? '' })
                  : t('training.detail.registered', { name: created.name }),
            });
          }}
        />
      </Modal>
      <ImportDialog
        eventId={e.id}
        open={importing}
        onClose={() => setImporting(false)}
        onImported={(result) => {
          setImporting(false);
          setNotice({
            kind: 'success',
            text: t('training.import.done', {
              n: result.rows,
              confirmed: result.confirmed,
              waitlisted: result.waitlisted,
            }),
          });
        }}
      />
      <CancelRegistrationDialog
        registration={cancelling}
        onClose={() => setCancelling(null)}
        onCancelled={onCancelled}
      />
      <Modal
        open={confirmDelete}
        title={t('training.delete.title')}
        onClose={() => {
          deleteEvent.reset();
          setConfirmDelete(false);
        }}
      >
        <p>{t('training.delete.body', { title: e.title })}</p>
        {deleteEvent.isError ? (
          <ErrorMessage
            error={deleteEvent.error}
            message={
              isApiError(deleteEvent.error, 409) && deleteEvent.error.code === 'has_attendance'
                ? t('training.delete.hasAttendance')
                : undefined
            }
          />
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={() => setConfirmDelete(false)}>
            {t('training.delete.keep')}
          </button>
          <button
            type="button"
            className="button button-danger"
            disabled={deleteEvent.isPending}
            onClick={() =>
              deleteEvent.mutate(e.id, {
                onSuccess: () =>
                  navigate('/training', {
                    replace: true,
                    state: { flash: t('training.delete.done', { title: e.title }) },
                  }),
              })
            }
          >
            {deleteEvent.isPending ? t('training.delete.deleting') : t('training.delete.confirm')}
          </button>
        </div>
      </Modal>
    </>
  );
}
