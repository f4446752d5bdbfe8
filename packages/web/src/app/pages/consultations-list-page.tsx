import { type Channel, Channels, type ReferralSource, ReferralSources, type Topic, Topics } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { PagedResults } from '../../components/paged-list.tsx';
import { canReadConsultations, canRecordConsultations } from '../../features/consultations/access.ts';
import { useConsultations } from '../../features/consultations/api/get-consultations.ts';
import { useWindowOptions } from '../../features/consultations/api/get-window-options.ts';
import type { ConsultationListFilters } from '../../features/consultations/api/keys.ts';
import {
  ConsultationFilters,
  type ConsultationFilterValues,
} from '../../features/consultations/components/consultation-filters.tsx';
import { ConsultationsTable } from '../../features/consultations/components/consultations-table.tsx';
import { SectionTabs } from '../../features/consultations/components/section-tabs.tsx';
import { Flash } from '../layout/flash.tsx';
import { PageTitle } from '../layout/page-title.tsx';
import { useSession } from '../layout/session.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const oneOf = <T extends string>(list: readonly T[], value: string | null): T | '' =>
  list.includes(value as T) ? (value as T) : '';

// The filters live in the address, so a filtered list can be bookmarked and shared.
const PARAMS: Record<keyof ConsultationFilterValues, string> = {
  windowId: 'window',
  from: 'from',
  to: 'to',
  channel: 'channel',
  topic: 'topic',
  referralSource: 'source',
};

export default function ConsultationsListPage() {
  const { t } = useTranslation();
  const me = useSession();
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const windows = useWindowOptions();

  const windowParam = params.get(PARAMS.windowId) ?? '';
  const fromParam = params.get(PARAMS.from) ?? '';
  const toParam = params.get(PARAMS.to) ?? '';
  const values: ConsultationFilterValues = {
    windowId: UUID.test(windowParam) ? windowParam : '',
    from: DATE.test(fromParam) ? fromParam : '',
    to: DATE.test(toParam) ? toParam : '',
    channel: oneOf(Channels, params.get(PARAMS.channel)),
    topic: oneOf(Topics, params.get(PARAMS.topic)),
    referralSource: oneOf(ReferralSources, params.get(PARAMS.referralSource)),
  };
  const periodInvalid = values.from !== '' && values.to !== '' && values.to < values.from;
  const filters: ConsultationListFilters = {
    windowId: values.windowId || undefined,
    from: values.from || undefined,
    to: values.to || undefined,
    channel: (values.channel || undefined) as Channel | undefined,
    topic: (values.topic || undefined) as Topic | undefined,
    referralSource: (values.referralSource || undefined) as ReferralSource | undefined,
  };
  const allowed = canReadConsultations(me.role);
  const query = useConsultations(filters, allowed && !periodInvalid);

  // Analysts never see single records: their view of consultations is the analysis (same period, same window).
  if (!allowed) return <Navigate to={{ pathname: '/consultations/analysis', search: location.search }} replace />;

  const onChange = (next: ConsultationFilterValues) =>
    setParams(
      (current) => {
        const out = new URLSearchParams(current);
        for (const [key, name] of Object.entries(PARAMS)) {
          const value = next[key as keyof ConsultationFilterValues];
          if (value) out.set(name, value);
          else out.delete(name);
        }
        return out;
      },
      { replace: true },
    );

  const pickable =
    me.role === 'partner' ? (windows.data ?? []).filter((w) => w.organisationId === me.organisationId) : windows.data;
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Object.values(values).some((v) => v !== '');

  return (
    <>
      <PageTitle>{t('consultations.list.title')}</PageTitle>
      <div className="page-head">
        <div>
          <h1>{t('consultations.list.title')}</h1>
          <p className="lead">{t('consultations.list.lead')}</p>
        </div>
        {canRecordConsultations(me.role) ? (
          <Link to="/consultations/new" className="button button-primary">
            + {t('consultations.tabs.new')}
          </Link>
        ) : null}
      </div>
      <SectionTabs role={me.role} />
      <Flash />
      <ConsultationFilters
        values={values}
        onChange={onChange}
        windows={pickable ?? []}
        periodError={periodInvalid ? t('consultations.list.periodOrder') : undefined}
      />
      {periodInvalid ? null : query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <PagedResults
          id="consultations-result"
          query={query}
          count={t(query.hasNextPage ? 'consultations.list.countMore' : 'consultations.list.count', {
            n: items.length,
          })}
          empty={items.length > 0 ? null : filtered ? t('consultations.list.empty') : t('consultations.list.emptyAll')}
        >
          <ConsultationsTable items={items} />
        </PagedResults>
      )}
    </>
  );
}
