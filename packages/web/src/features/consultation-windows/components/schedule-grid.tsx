import type { ScheduleInterval } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';
import { displayTime, WEEKDAYS } from '../../../lib/format.ts';

const minutes = (hhmm: string) => {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

/** The weekly schedule as weekdays × intervals, with a drawn day line for a quick look. */
export function ScheduleGrid({ schedule }: { schedule: readonly ScheduleInterval[] }) {
  const { t } = useTranslation();
  const byDay = WEEKDAYS.map((weekday) => ({
    weekday,
    intervals: schedule.filter((iv) => iv.weekday === weekday).sort((a, b) => a.opens.localeCompare(b.opens)),
  }));
  const columns = Math.max(1, ...byDay.map((d) => d.intervals.length));

  // The drawn scale covers office hours, widened to whatever the window actually keeps.
  const start = Math.min(8 * 60, ...schedule.map((iv) => Math.floor(minutes(iv.opens) / 60) * 60));
  const end = Math.max(20 * 60, ...schedule.map((iv) => Math.ceil(minutes(iv.closes) / 60) * 60));
  const span = end - start;
  const ticks: number[] = [];
  for (let m = Math.ceil(start / 180) * 180; m <= end; m += 180) ticks.push(m);

  return (
    <div className="table-scroll">
      <table className="schedule-grid">
        <caption>{t('windowDetail.scheduleCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('windowDetail.weekday')}</th>
            {Array.from({ length: columns }, (_, i) => (
              <th scope="col" key={i}>
                {t('windowDetail.interval', { n: i + 1 })}
              </th>
            ))}
            <th scope="col" className="timeline-head">
              <span className="visually-hidden">{t('windowDetail.timeline')}</span>
              <span className="timeline-ticks" aria-hidden="true">
                {ticks.map((m) => (
                  <span key={m} style={{ left: `${((m - start) / span) * 100}%` }}>
                    {m / 60}
                  </span>
                ))}
              </span>
            </th>
          </tr>
        </thead>
        <tbody>
          {byDay.map(({ weekday, intervals }) => (
            <tr key={weekday} className={intervals.length === 0 ? 'is-closed' : undefined}>
              <th scope="row">{t(`weekdays.long.${weekday}`)}</th>
              {Array.from({ length: columns }, (_, i) => {
                const iv = intervals[i];
                return (
                  <td key={i}>
                    {iv ? (
                      t('time.range', { opens: displayTime(iv.opens), closes: displayTime(iv.closes) })
                    ) : i === 0 ? (
                      <span className="muted">{t('windowDetail.closed')}</span>
                    ) : null}
                  </td>
                );
              })}
              <td className="timeline-cell" aria-hidden="true">
                <span className="timeline">
                  {intervals.map((iv) => (
                    <span
                      key={iv.opens}
                      className="timeline-bar"
                      style={{
                        left: `${((minutes(iv.opens) - start) / span) * 100}%`,
                        width: `${((minutes(iv.closes) - minutes(iv.opens)) / span) * 100}%`,
                      }}
                    />
                  ))}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
