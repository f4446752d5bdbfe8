import type { ScheduleInterval } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';
import { displayTime, formatWeekdays, summariseSchedule } from '../../../lib/format.ts';
import type { CardWindow } from '../api/get-card-windows.ts';
import { QrCode } from './qr-code.tsx';

export type CardSize = 'a6' | 'business';

/** 月〜金 9:00〜17:00／土 10:00〜15:00: the week in one line, for print. */
function useHoursLine() {
  const { t } = useTranslation();
  return (schedule: readonly ScheduleInterval[]) => {
    const lines = summariseSchedule(schedule);
    if (lines.length === 0) return t('distribution.card.byAppointment');
    return lines
      .map(
        (line) =>
          `${formatWeekdays(line.weekdays, (d) => t(`weekdays.short.${d as 1}`), {
            range: t('punctuation.range'),
            separator: t('punctuation.weekdays'),
          })} ${line.intervals
            .map((iv) => t('time.range', { opens: displayTime(iv.opens), closes: displayTime(iv.closes) }))
            .join(t('punctuation.list'))}`,
      )
      .join(t('distribution.card.hoursSeparator'));
  };
}

interface GuidanceCardProps {
  size: CardSize;
  windows: CardWindow[];
  directoryUrl: string;
  cardCode: string;
  /** Only the first card of a sheet is read by assistive technology; the others are copies. */
  copy: boolean;
}

/** One guidance card: the windows from live data and a QR code to the directory with this point's code. */
export function GuidanceCard({ size, windows, directoryUrl, cardCode, copy }: GuidanceCardProps) {
  const { t } = useTranslation();
  const hours = useHoursLine();
  return (
    <article className={`guidance-card guidance-card-${size}`} aria-hidden={copy ? true : undefined}>
      <header className="gc-head">
        <div className="gc-titles">
          <p className="gc-kicker">{t('distribution.card.kicker')}</p>
          <h2 className="gc-title">{t('distribution.card.title')}</h2>
        </div>
        <figure className="gc-qr">
          <QrCode
            text={directoryUrl}
            label={t('distribution.card.qrLabel')}
            className="gc-qr-code"
            // Around the business card's small code the card itself is blank: two modules inside suffice.
            quiet={size === 'business' ? 2 : 4}
          />
          <figcaption>{t('distribution.card.qrCaption')}</figcaption>
        </figure>
      </header>
      <ul className="gc-windows">
        {windows.map((w) => (
          <li key={w.id} className="gc-window">
            <span className="gc-name">
              {w.isNew ? <span className="gc-new">{t('badges.isNew')}</span> : null}
              {w.name}
              {w.womenOnly && size === 'a6' ? <span className="gc-women">{t('badges.womenOnly')}</span> : null}
            </span>
            {size === 'a6' ? (
              <span className="gc-topics">
                {w.topics.map((topic) => t(`topics.${topic}`)).join(t('punctuation.list'))}
              </span>
            ) : null}
            <span className="gc-phone">
              {w.phone ? (
                <>
                  {t('distribution.card.tel')} {w.phone}
                  {w.phoneExtension ? t('directory.callExtension', { ext: w.phoneExtension }) : null}
                </>
              ) : (
                t('distribution.card.noPhone')
              )}
            </span>
            <span className="gc-hours">{hours(w.schedule)}</span>
          </li>
        ))}
      </ul>
      <footer className="gc-foot">
        <span>{t('distribution.card.footer')}</span>
        <span className="gc-code">{t('distribution.card.code', { code: cardCode })}</span>
      </footer>
    </article>
  );
}
