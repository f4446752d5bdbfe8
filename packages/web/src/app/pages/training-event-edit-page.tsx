import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { canManageTraining } from '../../features/training-events/access.ts';
import {
  useTrainingEvent,
  type VersionedTrainingEvent,
} from '../../features/training-events/api/get-training-event.ts';
import { useUpdateTrainingEvent } from '../../features/training-events/api/update-training-event.ts';
import { EventForm } from '../../features/training-events/components/event-form.tsx';
import { changedFields, eventToValues } from '../../features/training-events/components/event-form-values.ts';
import { isApiError } from '../../lib/api-client.ts';
import { PageTitle } from '../layout/page-title.tsx';
import { useSession } from '../layout/session.ts';
import { Forbidden } from './forbidden.tsx';

export default function TrainingEventEditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useSession();
  const navigate = useNavigate();
  const query = useTrainingEvent(id);
  const update = useUpdateTrainingEvent();
  const [unchanged, setUnchanged] = useState(false);
  // The edit keeps the version it started from: a background refetch must not change the form
  // under the user's hands. Only "load the latest version" moves it on (after a 412).
  const [base, setBase] = useState<VersionedTrainingEvent | null>(null);
  useEffect(() => {
    if (!base && query.data) setBase(query.data);
  }, [base, query.data]);

  if (!canManageTraining(me.role)) return <Forbidden role={me.role} />;
  const current = base ?? query.data;
  if (!current && query.isPending) return <Loading />;
  if (!current) {
    const missing = isApiError(query.error, 404) || isApiError(query.error, 400);
    return (
      <ErrorMessage
        error={query.error}
        message={missing ? t('training.detail.notFound') : undefined}
        onRetry={() => void query.refetch()}
      />
    );
  }

  const { event: e, etag } = current;
  const title = t('training.form.editTitle', { title: e.title });
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p className="back-link">
        <Link to={`/training/${e.id}`}>← {e.title}</Link>
      </p>
      <div className="page-head">
        <h1>{title}</h1>
      </div>
      {e.status === 'cancelled' ? (
        <div className="alert alert-info" role="status">
          <p>{t('training.form.cancelledNote')}</p>
        </div>
      ) : null}
      <EventForm
        key={etag ?? e.updatedAt}
        mode="edit"
        currentStatus={e.status}
        defaultValues={eventToValues(e)}
        cancelTo={`/training/${e.id}`}
        notice={
          unchanged ? (
            <div className="alert alert-info" role="status">
              <p>{t('training.form.noChanges')}</p>
            </div>
          ) : null
        }
        onSubmit={async (payload) => {
          const changes = changedFields(payload, e);
          if (Object.keys(changes).length === 0) {
            setUnchanged(true);
            return;
          }
          setUnchanged(false);
          // Without an ETag the API answers 428; the same words as a stale one fit.
          await update.mutateAsync({ id: e.id, etag: etag ?? '', changes });
          navigate(`/training/${e.id}`, { state: { flash: t('training.form.saved') } });
        }}
        describeFailure={(error) => {
          if (isApiError(error, 412) || isApiError(error, 428)) {
            return (
              <div className="alert alert-warning" role="alert">
                <p>{t('training.form.stale')}</p>
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={async () => {
                    const latest = await query.refetch();
                    if (latest.data) setBase(latest.data);
                  }}
                >
                  {t('training.form.reload')}
                </button>
              </div>
            );
          }
          if (isApiError(error, 404)) return <ErrorMessage error={error} message={t('training.detail.notFound')} />;
          if (isApiError(error, 409)) return <ErrorMessage error={error} message={t('training.form.conflict')} />;
          return null;
        }}
      />
    </>
  );
}
