import type { TrainingEvent } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { addDays, formatClock, formatShortDate, tokyoDate } from '../../../lib/format.ts';

/** "2026-11" → the days shown: whole weeks, Monday first, from the week of the 1st to that of the last. */
export function monthGrid(month: string): { first: string; last: string; days: string[] } {
  const first = `${month}-01`;
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  const isoWeekday = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  const start = addDays(first, 1 - isoWeekday(first));
  const end = addDays(last, 7 - isoWeekday(last));
  const days: string[] = [];
  for (let d = start; d <= end; d = addDays(d, 1)) days.push(d);
  return { first, last, days };
}

/** "2026-11" as 2026年11月 or November 2026. */
export function monthLabel(month: string, lng: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(lng === 'en' ? 'en-GB' : 'ja-JP', {
    year: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(Date.UTC(y, m - 1, 15));
}

export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}

interface MonthCalendarProps {
  month: string;
  events: TrainingEvent[];
}

/** A plain month grid: each event on the day it starts (and the days it runs on, for a multi-day one). */
export function MonthCalendar({ month, events }: MonthCalendarProps) {
  const { t, i18n } = useTranslation();
  const { days } = monthGrid(month);
  const today = tokyoDate();
  const weeks: string[][] = [];
  for (let i = 0; i < days.length; i += 7) weeks.push(days.slice(i, i + 7));
  const onDay = (day: string) => events.filter((e) => tokyoDate(e.startsAt) <= day && day <= tokyoDate(e.endsAt));
  const caption = monthLabel(month, i18n.language);
  return (
    <table className="training-calendar">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {[1, 2, 3, 4, 5, 6, 7].map((d) => (
            <th key={d} scope="col" className={d >= 6 ? 'is-weekend' : undefined}>
              <abbr title={t(`weekdays.long.${d as 1}`)}>{t(`weekdays.short.${d as 1}`)}</abbr>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week) => (
          <tr key={week[0]}>
            {week.map((day) => {
              const inMonth = day.startsWith(month);
              const list = onDay(day);
              const dayNumber = Number(day.slice(8));
              return (
                <td
                  key={day}
                  className={`${inMonth ? '' : 'is-outside'}${day === today ? ' is-today' : ''}`}
                  aria-current={day === today ? 'date' : undefined}
                >
                  <span className="calendar-day">
                    {inMonth ? dayNumber : <span className="visually-hidden">{day}</span>}
                    {inMonth ? null : <span aria-hidden="true">{`${Number(day.slice(5, 7))}/${dayNumber}`}</span>}
                  </span>
                  {list.length > 0 ? (
                    <ul className="calendar-events">
                      {list.map((e) => (
                        <li key={e.id} className={`calendar-event training-status-${e.status}`}>
                          <Link to={`/training/${e.id}`}>
                            <span className="calendar-time">{formatClock(e.startsAt)}</span> {e.title}
                            <span className="visually-hidden">
                              {t('training.calendar.eventSuffix', {
                                date: formatShortDate(day, i18n.language),
                                status: t(`training.status.${e.status}`),
                              })}
                            </span>
                          </Link>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
