import type { Consultation } from '@tsunagari/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { canRecordConsultations } from '../../features/consultations/access.ts';
import { useCreateConsultation } from '../../features/consultations/api/create-consultation.ts';
import { useWindowOptions } from '../../features/consultations/api/get-window-options.ts';
import { newIdempotencyKey } from '../../features/consultations/api/idempotency.ts';
import { ConsultationForm } from '../../features/consultations/components/consultation-form.tsx';
import { emptyConsultationValues } from '../../features/consultations/components/form-values.ts';
import { defaultWindowId, rememberWindow } from '../../features/consultations/components/last-window.ts';
import { SavedNotice } from '../../features/consultations/components/saved-notice.tsx';
import { SectionTabs } from '../../features/consultations/components/section-tabs.tsx';
import { PageTitle } from '../layout/page-title.tsx';
import { useSession } from '../layout/session.ts';
import { Forbidden } from './forbidden.tsx';

/** Quick entry at a counter: open, pick, save, and the form is ready for the next one. */
export default function ConsultationNewPage() {
  const { t } = useTranslation();
  const me = useSession();
  const windows = useWindowOptions();
  const create = useCreateConsultation();
  const [saved, setSaved] = useState<Consultation | null>(null);
  const [count, setCount] = useState(0);
  // The defaults are worked out once, when the windows first arrive: later refetches must not move them.
  const [start] = useState(() => new Date());

  if (!canRecordConsultations(me.role)) return <Forbidden role={me.role} />;
  const title = t('consultations.quick.title');
  // Partners record only at the windows their organisation runs (the API refuses the others).
  const recordable =
    me.role === 'partner' ? (windows.data ?? []).filter((w) => w.organisationId === me.organisationId) : windows.data;
  const head = (
    <>
      <PageTitle>{title}</PageTitle>
      <div className="page-head">
        <div>
          <h1>{title}</h1>
          {recordable?.length === 0 ? null : <p className="lead">{t('consultations.quick.lead')}</p>}
        </div>
      </div>
      <SectionTabs role={me.role} />
    </>
  );
  if (windows.isPending)
    return (
      <>
        {head}
        <Loading label={t('consultations.form.windowsLoading')} />
      </>
    );
  if (windows.isError)
    return (
      <>
        {head}
        <ErrorMessage error={windows.error} onRetry={() => void windows.refetch()} />
      </>
    );

  if (!recordable || recordable.length === 0)
    return (
      <>
        {head}
        <div className="notice-panel">
          <p className="notice-lead">{t('consultations.quick.noWindows')}</p>
          <p>
            <Link to="/windows">{t('consultations.quick.toWindows')}</Link>
          </p>
        </div>
      </>
    );

  return (
    <>
      {head}
      <ConsultationForm
        mode="create"
        defaultValues={emptyConsultationValues({
          windowId: defaultWindowId(recordable, me.organisationId),
          channel: 'in_person',
          now: start,
        })}
        windows={recordable}
        allWindows={windows.data}
        organisationId={me.organisationId}
        status={<SavedNotice saved={saved} count={count} />}
        onSubmit={async (payload) => {
          // One key per press: a retry after a lost answer records the consultation once.
          const created = await create.mutateAsync({ body: payload, idempotencyKey: newIdempotencyKey() });
          rememberWindow(created.windowId);
          setSaved(created);
          setCount((n) => n + 1);
          return emptyConsultationValues({ windowId: created.windowId, channel: created.channel, now: new Date() });
        }}
      />
    </>
  );
}
