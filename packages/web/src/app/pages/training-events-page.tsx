import type { TrainingEventStatus } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { LoadMore } from '../../components/paged-list.tsx';
import { canManageTraining } from '../../features/training-events/access.ts';
import { useMonthEvents, useTrainingEvents } from '../../features/training-events/api/get-training-events.ts';
import type { TrainingEventListFilters } from '../../features/training-events/api/keys.ts';
import { EventFilters, type EventFilterValues } from '../../features/training-events/components/event-filters.tsx';
import { EventsTable } from '../../features/training-events/components/events-table.tsx';
import {
  MonthCalendar,
  monthGrid,
  monthLabel,
  shiftMonth,
} from '../../features/training-events/components/month-calendar.tsx';
import { addDays, tokyoDate } from '../../lib/format.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { Flash } from '../layout/flash.tsx';
import { PageTitle } from '../layout/page-title.tsx';
import { useSession } from '../layout/session.ts';
import { Forbidden } from './forbidden.tsx';

const STATUSES = ['draft', 'open', 'closed', 'held', 'cancelled'] as const satisfies readonly TrainingEventStatus[];
const isStatus = (v: string | null): v is TrainingEventStatus => STATUSES.includes(v as TrainingEventStatus);

function EventSection({ title, filters, empty }: { title: string; filters: TrainingEventListFilters; empty: string }) {
  const { t } = useTranslation();
  const query = useTrainingEvents(filters);
  const events = query.data?.pages.flatMap((p) => p.items) ?? [];
  const headingId = `training-${filters.order}`;
  return (
    <section aria-labelledby={headingId} className={`training-section${query.isPlaceholderData ? ' is-stale' : ''}`}>
      <h2 id={headingId}>
        {title}
        {query.data ? (
          <span className="result-count-inline">
            {query.hasNextPage
              ? t('training.list.countMore', { n: events.length })
              : t('training.list.count', { n: events.length })}
          </span>
        ) : null}
      </h2>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
      ) : events.length === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        <EventsTable events={events} />
      )}
      <LoadMore query={query} />
    </section>
  );
}

function CalendarView({ month, onMonth }: { month: string; onMonth: (month: string) => void }) {
  const { t, i18n } = useTranslation();
  const { days } = monthGrid(month);
  const query = useMonthEvents(days[0] as string, days[days.length - 1] as string);
  const thisMonth = tokyoDate().slice(0, 7);
  return (
    <section aria-labelledby="training-calendar-title" className={query.isPlaceholderData ? 'is-stale' : undefined}>
      <div className="calendar-nav">
        <button type="button" className="button button-secondary" onClick={() => onMonth(shiftMonth(month, -1))}>
          ← {t('training.calendar.previous')}
        </button>
        <h2 id="training-calendar-title" aria-live="polite">
          {monthLabel(month, i18n.language)}
        </h2>
        <button type="button" className="button button-secondary" onClick={() => onMonth(shiftMonth(month, 1))}>
          {t('training.calendar.next')} →
        </button>
        {month !== thisMonth ? (
          <button type="button" className="button button-quiet" onClick={() => onMonth(thisMonth)}>
            {t('training.calendar.thisMonth')}
          </button>
        ) : null}
      </div>
      {query.isError ? <ErrorMessage error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.isPending ? <Loading /> : <MonthCalendar month={month} events={query.data ?? []} />}
    </section>
  );
}

export default function TrainingEventsPage() {
  const { t } = useTranslation();
  const me = useSession();
  const [params, setParams] = useSearchParams();
  const today = tokyoDate();

  const view = params.get('view') === 'calendar' ? 'calendar' : 'list';
  const monthParam = params.get('month') ?? '';
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(monthParam) ? monthParam : today.slice(0, 7);
  const statusParam = params.get('status');
  const status = isStatus(statusParam) ? statusParam : '';
  const fyParam = params.get('fy') ?? '';
  const fiscalYear = /^\d{4}$/.test(fyParam) ? fyParam : '';
  const q = params.get('q') ?? '';
  const debouncedQ = useDebounced(q.trim(), 300);

  if (!canManageTraining(me.role)) return <Forbidden role={me.role} />;

  const set = (changes: Record<string, string>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );

  const base: TrainingEventListFilters = {
    status: status || undefined,
    fiscalYear: fiscalYear ? Number(fiscalYear) : undefined,
    q: debouncedQ || undefined,
  };
  const filtered = Boolean(status || fiscalYear || debouncedQ);

  return (
    <>
      <PageTitle>{t('training.title')}</PageTitle>
      <div className="page-head">
        <div>
          <h1>{t('training.title')}</h1>
          <p className="lead">{t('training.lead')}</p>
        </div>
        <Link to="/training/new" className="button button-primary">
          + {t('training.list.create')}
        </Link>
      </div>
      <Flash />
      <fieldset className="view-switch">
        <legend className="visually-hidden">{t('training.list.viewLabel')}</legend>
        <button
          type="button"
          className={`button ${view === 'list' ? 'button-primary' : 'button-secondary'}`}
          aria-pressed={view === 'list'}
          onClick={() => set({ view: '' })}
        >
          {t('training.list.viewList')}
        </button>
        <button
          type="button"
          className={`button ${view === 'calendar' ? 'button-primary' : 'button-secondary'}`}
          aria-pressed={view === 'calendar'}
          onClick={() => set({ view: 'calendar' })}
        >
          {t('training.list.viewCalendar')}
        </button>
      </fieldset>
      {view === 'calendar' ? (
        <CalendarView month={month} onMonth={(next) => set({ month: next })} />
      ) : (
        <>
          <EventFilters
            values={{ q, status, fiscalYear }}
            onChange={(v: EventFilterValues) => set({ q: v.q, status: v.status, fy: v.fiscalYear })}
          />
          <EventSection
            title={t('training.list.upcoming')}
            filters={{ ...base, from: today, order: 'asc' }}
            empty={filtered ? t('training.list.emptyFiltered') : t('training.list.emptyUpcoming')}
          />
          <EventSection
            title={t('training.list.past')}
            filters={{ ...base, to: addDays(today, -1), order: 'desc' }}
            empty={filtered ? t('training.list.emptyFiltered') : t('training.list.emptyPast')}
          />
        </>
      )}
    </>
  );
}
