import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { canManageTraining } from '../../features/training-events/access.ts';
import { useCreateTrainingEvent } from '../../features/training-events/api/create-training-event.ts';
import { EventForm } from '../../features/training-events/components/event-form.tsx';
import { emptyEventValues } from '../../features/training-events/components/event-form-values.ts';
import { addDays, tokyoDate } from '../../lib/format.ts';
import { PageTitle } from '../layout/page-title.tsx';
import { useSession } from '../layout/session.ts';
import { Forbidden } from './forbidden.tsx';

export default function TrainingEventNewPage() {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const create = useCreateTrainingEvent();

  if (!canManageTraining(me.role)) return <Forbidden role={me.role} />;
  return (
    <>
      <PageTitle>{t('training.form.createTitle')}</PageTitle>
      <p className="back-link">
        <Link to="/training">← {t('training.detail.back')}</Link>
      </p>
      <div className="page-head">
        <h1>{t('training.form.createTitle')}</h1>
      </div>
      <EventForm
        mode="create"
        // A month ahead: events are planned, and invitations need time.
        defaultValues={emptyEventValues(addDays(tokyoDate(), 30))}
        cancelTo="/training"
        onSubmit={async (payload) => {
          const created = await create.mutateAsync(payload);
          navigate(`/training/${created.id}`, {
            state: { flash: t('training.form.created', { title: created.title }) },
          });
        }}
      />
    </>
  );
}
