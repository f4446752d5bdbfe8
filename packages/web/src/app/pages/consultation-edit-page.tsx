import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { canEditConsultations } from '../../features/consultations/access.ts';
import { useConsultation, type VersionedConsultation } from '../../features/consultations/api/get-consultation.ts';
import { useWindowOptions } from '../../features/consultations/api/get-window-options.ts';
import { useUpdateConsultation } from '../../features/consultations/api/update-consultation.ts';
import { ConsultationForm } from '../../features/consultations/components/consultation-form.tsx';
import { changedFields, consultationToValues } from '../../features/consultations/components/form-values.ts';
import { isApiError } from '../../lib/api-client.ts';
import { formatDateTime } from '../../lib/format.ts';
import { PageTitle } from '../layout/page-title.tsx';
import { useSession } from '../layout/session.ts';
import { Forbidden } from './forbidden.tsx';

export default function ConsultationEditPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const me = useSession();
  const navigate = useNavigate();
  const query = useConsultation(id);
  const windows = useWindowOptions();
  const update = useUpdateConsultation();
  const [unchanged, setUnchanged] = useState(false);
  // The edit starts from one read and keeps it: a background refetch must not swap the form's
  // values under the user's hands. Only "load the latest version" moves it on.
  const [base, setBase] = useState<VersionedConsultation | null>(null);
  useEffect(() => {
    if (!base && query.data) setBase(query.data);
  }, [base, query.data]);

  if (!canEditConsultations(me.role)) return <Forbidden role={me.role} />;
  const current = base ?? query.data;
  if ((!current && query.isPending) || windows.isPending) return <Loading />;
  if (windows.isError) return <ErrorMessage error={windows.error} onRetry={() => void windows.refetch()} />;
  if (!current) {
    const missing = isApiError(query.error, 404) || isApiError(query.error, 400);
    return (
      <ErrorMessage
        error={query.error}
        message={missing ? t('consultations.detail.notFound') : undefined}
        onRetry={() => void query.refetch()}
      />
    );
  }

  const { consultation: c, etag } = current;
  const when = formatDateTime(c.occurredAt, i18n.language);
  const title = t('consultations.edit.title', { when });
  // The recorded window stays selectable even if the list should no longer contain it.
  const options = windows.data.some((w) => w.id === c.windowId)
    ? windows.data
    : [{ id: c.windowId, name: c.windowName, organisationId: '', organisationName: '', channels: [] }, ...windows.data];
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p className="back-link">
        <Link to={`/consultations/${c.id}`}>← {t('consultations.detail.title', { when, window: c.windowName })}</Link>
      </p>
      <div className="page-head">
        <h1>{title}</h1>
      </div>
      <ConsultationForm
        // A fresh read (after a 412, say) brings a new ETag: start the form again from it.
        key={etag ?? c.updatedAt}
        mode="edit"
        defaultValues={consultationToValues(c)}
        windows={options}
        allWindows={options}
        organisationId={me.organisationId}
        cancelTo={`/consultations/${c.id}`}
        notice={
          unchanged ? (
            <div className="alert alert-info" role="status">
              <p>{t('windowForm.noChanges')}</p>
            </div>
          ) : null
        }
        onSubmit={async (payload) => {
          const changes = changedFields(payload, c);
          if (Object.keys(changes).length === 0) {
            setUnchanged(true);
            return undefined;
          }
          setUnchanged(false);
          // Without an ETag the API answers 428; the same words as a stale one fit.
          await update.mutateAsync({ id: c.id, etag: etag ?? '', changes });
          navigate(`/consultations/${c.id}`, { state: { flash: t('consultations.edit.saved') } });
          return undefined;
        }}
        describeFailure={(error) => {
          if (isApiError(error, 412) || isApiError(error, 428)) {
            return (
              <div className="alert alert-warning" role="alert">
                <p>{t('consultations.edit.stale')}</p>
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={async () => {
                    const latest = await query.refetch();
                    if (latest.data) setBase(latest.data);
                  }}
                >
                  {t('windowForm.reload')}
                </button>
              </div>
            );
          }
          if (isApiError(error, 404)) return <ErrorMessage error={error} message={t('consultations.edit.gone')} />;
          return null;
        }}
      />
    </>
  );
}
