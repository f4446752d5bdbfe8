import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import {
  useConsultationWindow,
  type VersionedWindow,
} from '../../features/consultation-windows/api/get-consultation-window.ts';
import { useUpdateConsultationWindow } from '../../features/consultation-windows/api/update-consultation-window.ts';
import { changedFields, windowToValues } from '../../features/consultation-windows/components/form-values.ts';
import { WindowForm } from '../../features/consultation-windows/components/window-form.tsx';
import { useOrganisations } from '../../features/organisations/api/get-organisations.ts';
import { isApiError } from '../../lib/api-client.ts';
import { PageTitle } from '../layout/page-title.tsx';
import { useSession } from '../layout/session.ts';
import { canEditWindows } from '../parts.ts';
import { Forbidden } from './forbidden.tsx';

export default function WindowEditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useSession();
  const navigate = useNavigate();
  const query = useConsultationWindow(id);
  const organisations = useOrganisations();
  const update = useUpdateConsultationWindow();
  const [unchanged, setUnchanged] = useState(false);
  // The edit starts from one read and keeps it: a background refetch must not swap the form's
  // values under the user's hands. Only "load the latest version" moves it on.
  const [base, setBase] = useState<VersionedWindow | null>(null);
  useEffect(() => {
    if (!base && query.data) setBase(query.data);
  }, [base, query.data]);

  if (!canEditWindows(me.role)) return <Forbidden role={me.role} />;
  const current = base ?? query.data;
  if ((!current && query.isPending) || organisations.isPending) return <Loading />;
  if (organisations.isError)
    return <ErrorMessage error={organisations.error} onRetry={() => void organisations.refetch()} />;
  if (!current) {
    const missing = isApiError(query.error, 404) || isApiError(query.error, 400);
    return (
      <ErrorMessage
        error={query.error}
        message={missing ? t('windowDetail.notFound') : undefined}
        onRetry={() => void query.refetch()}
      />
    );
  }

  const { window: w, etag } = current;
  const title = t('windowForm.editTitle', { name: w.name });
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p className="back-link">
        <Link to={`/windows/${w.id}`}>← {w.name}</Link>
      </p>
      <div className="page-head">
        <h1>{title}</h1>
      </div>
      <WindowForm
        // A fresh read (after a 412, say) brings a new ETag: start the form again from it.
        key={etag ?? w.updatedAt}
        mode="edit"
        defaultValues={windowToValues(w)}
        // The window's operator stays selectable even if the list should not contain it.
        organisations={
          organisations.data.some((o) => o.id === w.organisationId)
            ? organisations.data
            : [{ id: w.organisationId, name: w.organisationName }, ...organisations.data]
        }
        cancelTo={`/windows/${w.id}`}
        notice={
          unchanged ? (
            <div className="alert alert-info" role="status">
              <p>{t('windowForm.noChanges')}</p>
            </div>
          ) : null
        }
        onSubmit={async (payload) => {
          const changes = changedFields(payload, w);
          if (Object.keys(changes).length === 0) {
            setUnchanged(true);
            return;
          }
          setUnchanged(false);
          // Without an ETag the API answers 428; the same words as a stale one fit.
          await update.mutateAsync({ id: w.id, etag: etag ?? '', changes });
          navigate(`/windows/${w.id}`, { state: { flash: t('windowForm.saved') } });
        }}
        describeFailure={(error) => {
          if (isApiError(error, 412) || isApiError(error, 428)) {
            return (
              <div className="alert alert-warning" role="alert">
                <p>{t('windowForm.stale')}</p>
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
          if (isApiError(error, 404)) return <ErrorMessage error={error} message={t('windowForm.notFound')} />;
          return null;
        }}
      />
    </>
  );
}
