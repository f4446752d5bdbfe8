import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { useConsultationWindow } from '../../features/consultation-windows/api/get-consultation-window.ts';
import { WindowBadges } from '../../features/consultation-windows/components/badges.tsx';
import { DeleteWindowDialog } from '../../features/consultation-windows/components/delete-window-dialog.tsx';
import { ScheduleGrid } from '../../features/consultation-windows/components/schedule-grid.tsx';
import { OpeningDaysList } from '../../features/consultation-windows/components/upcoming-opening-days.tsx';
import { WindowCalendarFacts, WindowFacts } from '../../features/consultation-windows/components/window-facts.tsx';
import { addDays, daysBetween, formatDateTime, tokyoDate } from '../../lib/format.ts';
import { Flash } from '../layout/flash.tsx';
import { PageTitle } from '../layout/page-title.tsx';
import { useSession } from '../layout/session.ts';
import { canEditWindows } from '../parts.ts';

export default function WindowDetailPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const me = useSession();
  const navigate = useNavigate();
  const query = useConsultationWindow(id);
  const [confirming, setConfirming] = useState(false);
  const today = tokyoDate();

  const back = (
    <p className="back-link">
      <Link to="/windows">← {t('windowDetail.back')}</Link>
    </p>
  );

  if (query.isPending) return <Loading />;
  if (query.isError) {
    return (
      <>
        <PageTitle>{t('windows.title')}</PageTitle>
        {back}
        <ErrorMessage error={query.error} notFound={t('windowDetail.notFound')} onRetry={() => void query.refetch()} />
      </>
    );
  }

  const w = query.data.window;
  const writable = canEditWindows(me.role);
  const ended = w.validTo !== null && w.validTo < today;
  const notStarted = w.validFrom > today;
  // Which opening days say most: for a running window the coming weeks; for one that has ended
  // its whole period (the opening-days query covers at most 400 days); for one not started, its start.
  const days = ended
    ? {
        title: t('windowDetail.periodDays'),
        from: daysBetween(w.validFrom, w.validTo as string) > 399 ? addDays(w.validTo as string, -399) : w.validFrom,
        to: w.validTo as string,
        collapsed: true,
      }
    : notStarted
      ? { title: t('windowDetail.firstDays'), from: w.validFrom, to: addDays(w.validFrom, 27), collapsed: false }
      : { title: t('windowDetail.upcoming'), from: today, to: addDays(today, 27), collapsed: false };
  return (
    <>
      <PageTitle>{w.name}</PageTitle>
      {back}
      <div className="page-head">
        <div>
          <h1>{w.name}</h1>
          <p className="badges">
            {ended ? <span className="badge badge-muted">{t('badges.ended')}</span> : null}
            {notStarted ? <span className="badge badge-muted">{t('badges.notStarted')}</span> : null}
            <WindowBadges womenOnly={w.womenOnly} isNew={w.isNew} reservationRequired={w.reservationRequired} />
          </p>
        </div>
        {writable ? (
          <div className="page-actions">
            <Link to={`/windows/${w.id}/edit`} className="button button-primary">
              {t('windowDetail.edit')}
            </Link>
            <button type="button" className="button button-danger-quiet" onClick={() => setConfirming(true)}>
              {t('windowDetail.delete')}
            </button>
          </div>
        ) : null}
      </div>
      <Flash />
      <div className="detail-grid">
        <div className="detail-main">
          <section className="panel" aria-labelledby="schedule-title">
            <h2 id="schedule-title">{t('windowDetail.schedule')}</h2>
            <ScheduleGrid schedule={w.schedule} />
          </section>
          <section className="panel" aria-labelledby="basics-title">
            <h2 id="basics-title">{t('windowDetail.basics')}</h2>
            <WindowFacts window={w} />
          </section>
        </div>
        <div className="detail-side">
          <section className="panel" aria-labelledby="period-title">
            <h2 id="period-title">{t('windowDetail.period')}</h2>
            <WindowCalendarFacts window={w} />
          </section>
          <section className="panel" aria-labelledby="upcoming-title">
            <h2 id="upcoming-title">{days.title}</h2>
            <OpeningDaysList id={w.id} from={days.from} to={days.to} collapsed={days.collapsed} />
          </section>
        </div>
      </div>
      <p className="muted small">{t('windowDetail.updatedAt', { time: formatDateTime(w.updatedAt, i18n.language) })}</p>
      {writable ? (
        <DeleteWindowDialog
          id={w.id}
          name={w.name}
          etag={query.data.etag}
          open={confirming}
          onClose={() => setConfirming(false)}
          onDeleted={() =>
            navigate('/windows', { replace: true, state: { flash: t('deleteWindow.done', { name: w.name }) } })
          }
        />
      ) : null}
    </>
  );
}
