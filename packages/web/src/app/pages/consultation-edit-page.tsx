import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { describeSaveFailure, NoChangesNotice } from '../../components/versioned-edit.tsx';
import { canEditConsultations } from '../../features/consultations/access.ts';
import { useConsultation } from '../../features/consultations/api/get-consultation.ts';
import { useWindowOptions } from '../../features/consultations/api/get-window-options.ts';
import { useUpdateConsultation } from '../../features/consultations/api/update-consultation.ts';
import { ConsultationForm } from '../../features/consultations/components/consultation-form.tsx';
import { changedFields, consultationToValues } from '../../features/consultations/components/form-values.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useVersionedEdit } from '../../lib/use-versioned-edit.ts';
import { PageTitle } from '../layout/page-title.tsx';
import { useSession } from '../layout/session.ts';
import { Forbidden } from './forbidden.tsx';

export default function ConsultationEditPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const me = useSession();
  const navigate = useNavigate();
  const query = useConsultation(id);
  const edit = useVersionedEdit(query);
  const windows = useWindowOptions();
  const update = useUpdateConsultation();

  if (!canEditConsultations(me.role)) return <Forbidden role={me.role} />;
  if ((!edit.current && query.isPending) || windows.isPending) return <Loading />;
  if (windows.isError) return <ErrorMessage error={windows.error} onRetry={() => void windows.refetch()} />;
  if (!edit.current) {
    return (
      <ErrorMessage
        error={query.error}
        notFound={t('consultations.detail.notFound')}
        onRetry={() => void query.refetch()}
      />
    );
  }

  const { consultation: c, etag } = edit.current;
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
        notice={<NoChangesNotice show={edit.unchanged} message={t('windowForm.noChanges')} />}
        onSubmit={async (payload) => {
          await edit.save(changedFields(payload, c), async (changes) => {
            await update.mutateAsync({ id: c.id, etag: etag ?? '', changes });
            navigate(`/consultations/${c.id}`, { state: { flash: t('consultations.edit.saved') } });
          });
          return undefined;
        }}
        describeFailure={(error) =>
          describeSaveFailure(error, {
            stale: t('consultations.edit.stale'),
            gone: t('consultations.edit.gone'),
            onReload: () => void edit.reload(),
          })
        }
      />
    </>
  );
}
