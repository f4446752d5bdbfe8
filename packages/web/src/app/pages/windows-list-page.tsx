import { type Topic, Topics } from '@tsunagari/shared';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { PagedResults } from '../../components/paged-list.tsx';
import { useConsultationWindows } from '../../features/consultation-windows/api/get-consultation-windows.ts';
import {
  WindowFilters,
  type WindowFilterValues,
} from '../../features/consultation-windows/components/window-filters.tsx';
import { WindowsTable } from '../../features/consultation-windows/components/windows-table.tsx';
import { formatClock } from '../../lib/format.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useNow } from '../../lib/use-now.ts';
import { Flash } from '../layout/flash.tsx';
import { PageTitle } from '../layout/page-title.tsx';
import { useSession } from '../layout/session.ts';
import { canEditWindows } from '../parts.ts';

const isTopic = (value: string | null): value is Topic => Topics.includes(value as Topic);

export default function WindowsListPage() {
  const { t } = useTranslation();
  const me = useSession();
  const now = useNow();
  const [params, setParams] = useSearchParams();

  // The filters live in the address, so a filtered list can be bookmarked and shared.
  const topicParam = params.get('topic');
  const topic = isTopic(topicParam) ? topicParam : '';
  const openNow = params.get('open') === '1';
  const qParam = params.get('q') ?? '';
  const [q, setQ] = useState(qParam);
  const debouncedQ = useDebounced(q.trim(), 300);

  // The search box writes to the address once typing pauses; the address (a menu link, the back
  // button) writes to the search box. `written` remembers the last value that went either way.
  const written = useRef(qParam);
  useEffect(() => {
    if (qParam === written.current) return;
    written.current = qParam;
    setQ(qParam);
  }, [qParam]);
  useEffect(() => {
    if (debouncedQ === written.current) return;
    written.current = debouncedQ;
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (debouncedQ) next.set('q', debouncedQ);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [debouncedQ, setParams]);

  const onChange = (values: WindowFilterValues) => {
    setQ(values.q);
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (values.topic) next.set('topic', values.topic);
        else next.delete('topic');
        if (values.openNow) next.set('open', '1');
        else next.delete('open');
        return next;
      },
      { replace: true },
    );
  };

  const query = useConsultationWindows({
    topic: topic || undefined,
    q: qParam || undefined,
    openAt: openNow ? now.toISOString() : undefined,
  });
  const windows = query.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = topic !== '' || openNow || qParam !== '';
  const writable = canEditWindows(me.role);

  return (
    <>
      <PageTitle>{t('windows.title')}</PageTitle>
      <div className="page-head">
        <div>
          <h1>{t('windows.title')}</h1>
          <p className="lead">{t('windows.lead')}</p>
        </div>
        {writable ? (
          <Link to="/windows/new" className="button button-primary">
            + {t('windows.create')}
          </Link>
        ) : (
          <p className="read-only-note">{t('windows.readOnly')}</p>
        )}
      </div>
      <Flash />
      <WindowFilters
        values={{ q, topic, openNow }}
        onChange={onChange}
        openNowLabel={t('windows.openNowAt', { time: formatClock(now) })}
      />
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <PagedResults
          id="windows-result"
          query={query}
          count={t(query.hasNextPage ? 'windows.countMore' : 'windows.count', { n: windows.length })}
          empty={windows.length > 0 ? null : filtered ? t('windows.empty') : t('windows.emptyAll')}
        >
          <WindowsTable windows={windows} />
        </PagedResults>
      )}
    </>
  );
}
