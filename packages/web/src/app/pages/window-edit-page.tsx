import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { describeSaveFailure, NoChangesNotice } from '../../components/versioned-edit.tsx';
import { useConsultationWindow } from '../../features/consultation-windows/api/get-consultation-window.ts';
import { useUpdateConsultationWindow } from '../../features/consultation-windows/api/update-consultation-window.ts';
import { changedFields, windowToValues } from '../../features/consultation-windows/components/form-values.ts';
import { WindowForm } from '../../features/consultation-windows/components/window-form.tsx';
import { useOrganisations } from '../../features/organisations/api/get-organisations.ts';
import { withOrganisation } from '../../features/organisations/options.ts';
import { useVersionedEdit } from '../../lib/use-versioned-edit.ts';
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
  const edit = useVersionedEdit(query);
  const organisations = useOrganisations();
  const update = useUpdateConsultationWindow();

  if (!canEditWindows(me.role)) return <Forbidden role={me.role} />;
  if ((!edit.current && query.isPending) || organisations.isPending) return <Loading />;
  if (organisations.isError)
    return <ErrorMessage error={organisations.error} onRetry={() => void organisations.refetch()} />;
  if (!edit.current) {
    return (
      <ErrorMessage error={query.error} notFound={t('windowDetail.notFound')} onRetry={() => void query.refetch()} />
    );
  }

  const { window: w, etag } = edit.current;
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
        organisations={withOrganisation(organisations.data, { id: w.organisationId, name: w.organisationName })}
        cancelTo={`/windows/${w.id}`}
        notice={<NoChangesNotice show={edit.unchanged} message={t('windowForm.noChanges')} />}
        onSubmit={(payload) =>
          edit.save(changedFields(payload, w), async (changes) => {
            await update.mutateAsync({ id: w.id, etag: etag ?? '', changes });
            navigate(`/windows/${w.id}`, { state: { flash: t('windowForm.saved') } });
          })
        }
        describeFailure={(error) =>
          describeSaveFailure(error, {
            stale: t('windowForm.stale'),
            gone: t('windowForm.notFound'),
            onReload: () => void edit.reload(),
          })
        }
      />
    </>
  );
}
