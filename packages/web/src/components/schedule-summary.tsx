import type { ScheduleInterval } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';
import { displayTime, formatWeekdays, summariseSchedule } from '../lib/format.ts';

/** "月〜金 9:00〜17:30" lines: the schedule folded for lists and cards. */
export function ScheduleSummary({ schedule }: { schedule: readonly ScheduleInterval[] }) {
  const { t } = useTranslation();
  const lines = summariseSchedule(schedule);
  if (lines.length === 0) return <span className="muted">{t('windows.noSchedule')}</span>;
  return (
    <ul className="schedule-summary">
      {lines.map((line) => (
        <li key={line.weekdays.join()}>
          <span className="schedule-days">
            {formatWeekdays(line.weekdays, (d) => t(`weekdays.short.${d as 1}`), {
              range: t('punctuation.range'),
              separator: t('punctuation.weekdays'),
            })}
          </span>{' '}
          {line.intervals
            .map((iv) => t('time.range', { opens: displayTime(iv.opens), closes: displayTime(iv.closes) }))
            .join(t('punctuation.list'))}
        </li>
      ))}
    </ul>
  );
}
