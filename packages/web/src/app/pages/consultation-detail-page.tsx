import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { canEditConsultations, canReadConsultations } from '../../features/consultations/access.ts';
import { useConsultation } from '../../features/consultations/api/get-consultation.ts';
import { ConsultationBadges } from '../../features/consultations/components/badges.tsx';
import { ConsultationFacts } from '../../features/consultations/components/consultation-facts.tsx';
import { DeleteConsultationDialog } from '../../features/consultations/components/delete-consultation-dialog.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { Flash } from '../layout/flash.tsx';
import { PageTitle } from '../layout/page-title.tsx';
import { useSession } from '../layout/session.ts';

export default function ConsultationDetailPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const me = useSession();
  const navigate = useNavigate();
  const allowed = canReadConsultations(me.role);
  const query = useConsultation(id);
  const [confirming, setConfirming] = useState(false);

  if (!allowed) return <Navigate to="/consultations/analysis" replace />;
  const back = (
    <p className="back-link">
      <Link to="/consultations">← {t('consultations.list.title')}</Link>
    </p>
  );
  if (query.isPending) return <Loading />;
  if (query.isError) {
    return (
      <>
        {back}
        <ErrorMessage
          error={query.error}
          notFound={t('consultations.detail.notFound')}
          onRetry={() => void query.refetch()}
        />
      </>
    );
  }

  const c = query.data.consultation;
  const when = formatDateTime(c.occurredAt, i18n.language);
  const title = t('consultations.detail.title', { when, window: c.windowName });
  const writable = canEditConsultations(me.role);
  return (
    <>
      <PageTitle>{title}</PageTitle>
      {back}
      <div className="page-head">
        <div>
          <h1>{title}</h1>
          <ConsultationBadges c={c} />
        </div>
        {writable ? (
          <div className="page-actions">
            <Link to={`/consultations/${c.id}/edit`} className="button button-primary">
              {t('consultations.detail.edit')}
            </Link>
            <button type="button" className="button button-danger-quiet" onClick={() => setConfirming(true)}>
              {t('consultations.detail.delete')}
            </button>
          </div>
        ) : null}
      </div>
      <Flash />
      <section className="panel cf-detail" aria-label={t('consultations.detail.record')}>
        <ConsultationFacts c={c} />
      </section>
      <p className="muted small">
        {t('consultations.detail.updatedAt', { time: formatDateTime(c.updatedAt, i18n.language) })}
      </p>
      {writable ? (
        <DeleteConsultationDialog
          id={c.id}
          summary={`${when} ${c.windowName}`}
          open={confirming}
          onClose={() => setConfirming(false)}
          onDeleted={() =>
            navigate('/consultations', { replace: true, state: { flash: t('consultations.delete.done', { when }) } })
          }
        />
      ) : null}
    </>
  );
}
