import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { describeSaveFailure, NoChangesNotice } from '../../components/versioned-edit.tsx';
import { canManageTraining } from '../../features/training-events/access.ts';
import { useTrainingEvent } from '../../features/training-events/api/get-training-event.ts';
import { useUpdateTrainingEvent } from '../../features/training-events/api/update-training-event.ts';
import { EventForm } from '../../features/training-events/components/event-form.tsx';
import { changedFields, eventToValues } from '../../features/training-events/components/event-form-values.ts';
import { isApiError } from '../../lib/api-client.ts';
import { useVersionedEdit } from '../../lib/use-versioned-edit.ts';
import { PageTitle } from '../layout/page-title.tsx';
import { useSession } from '../layout/session.ts';
import { Forbidden } from './forbidden.tsx';

export default function TrainingEventEditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useSession();
  const navigate = useNavigate();
  const query = useTrainingEvent(id);
  const edit = useVersionedEdit(query);
  const update = useUpdateTrainingEvent();

  if (!canManageTraining(me.role)) return <Forbidden role={me.role} />;
  if (!edit.current && query.isPending) return <Loading />;
  if (!edit.current) {
    return (
      <ErrorMessage error={query.error} notFound={t('training.detail.notFound')} onRetry={() => void query.refetch()} />
    );
  }

  const { event: e, etag } = edit.current;
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
        notice={<NoChangesNotice show={edit.unchanged} message={t('training.form.noChanges')} />}
        onSubmit={(payload) =>
          edit.save(changedFields(payload, e), async (changes) => {
            await update.mutateAsync({ id: e.id, etag: etag ?? '', changes });
            navigate(`/training/${e.id}`, { state: { flash: t('training.form.saved') } });
          })
        }
        describeFailure={(error) =>
          isApiError(error, 409) ? (
            <ErrorMessage error={error} message={t('training.form.conflict')} />
          ) : (
            describeSaveFailure(error, {
              stale: t('training.form.stale'),
              gone: t('training.detail.notFound'),
              onReload: () => void edit.reload(),
            })
          )
        }
      />
    </>
  );
}
