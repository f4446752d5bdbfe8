import type { ResultsReport, TargetMetricResult } from '@tsunagari/shared';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ScheduleSummary } from '../../../components/schedule-summary.tsx';
import { fiscalYearText } from '../../../lib/fiscal-year.ts';
import { formatClock, tokyoDate } from '../../../lib/format.ts';
import { formatCount, formatNumber, formatRate, formatValue } from '../../targets/format.ts';
import { formatReportDate } from '../format.ts';

/*
 * 事業実績報告 in the sections of the programme's own report (the source document): 事業の概要,
 * 事業の効果, 目標数値, 今後の課題. Every figure comes computed from the records; the sentences of
 * 事業の効果 are the API's, written in Japanese for the printed report (marked lang="ja").
 */

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="rr-facts">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Figures of 事業の効果 as a two-column table: long labels stay readable, numbers line up. */
function FigureTable({ caption, rows }: { caption: string; rows: [string, ReactNode][] }) {
  return (
    <table className="rr-table rr-compact">
      <caption className="visually-hidden">{caption}</caption>
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td className="num">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TargetsTable({ targets, threshold }: { targets: TargetMetricResult[]; threshold: number }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  if (targets.length === 0) return <p className="muted">{t('reports.results.noTargets')}</p>;
  return (
    <table className="rr-table rr-targets">
      <caption className="visually-hidden">{t('reports.results.targets')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('reports.results.targetLabel')}</th>
          <th scope="col" className="num">
            {t('reports.results.targetValue')}
          </th>
          <th scope="col" className="num">
            {t('reports.results.actual')}
          </th>
          <th scope="col" className="num">
            {t('reports.results.rate')}
          </th>
          <th scope="col">{t('reports.results.evaluation')}</th>
        </tr>
      </thead>
      <tbody>
        {targets.map((m) => {
          const value = (v: number) => formatValue(t, v, m.unit, lng);
          const fraction =
            m.denominator !== null
              ? `（${formatCount(m.numerator, threshold, lng)}/${formatCount(m.denominator, threshold, lng)}）`
              : '';
          return (
            <tr key={m.metricId}>
              <th scope="row">{m.label}</th>
              <td className="num">
                {value(m.target)}
                {m.direction === 'at_most' ? t('reports.results.atMost') : ''}
              </td>
              <td className="num">
                {m.actual === null ? formatCount(m.numerator, threshold, lng) : value(m.actual)}
                {fraction ? <span className="rr-fraction">{fraction}</span> : null}
              </td>
              <td className="num">{m.achievementRate === null ? '—' : formatRate(m.achievementRate, lng)}</td>
              <td>
                {m.met === null ? (
                  '—'
                ) : (
                  <span className={m.met ? 'rr-met' : 'rr-missed'}>
                    {m.met ? t('targets.card.metYes') : t('targets.card.metNo')}
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function ResultsDocument({ report, challenges }: { report: ResultsReport; challenges: ReactNode }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const threshold = report.suppression.threshold;
  const count = (c: Parameters<typeof formatCount>[0]) => formatCount(c, threshold, lng);
  const o = report.overview;
  const e = report.effects;
  const dist = o.distribution;
  const people = (n: number) => formatValue(t, n, 'people', lng);
  const sets = (n: number) => formatValue(t, n, 'sets', lng);
  const cases = (c: Parameters<typeof formatCount>[0]) => t('reports.results.cases', { n: count(c) });
  const period = (from: string | null, to: string | null) =>
    from
      ? t('reports.results.period', {
          from: formatReportDate(from, lng, false),
          to: to ? formatReportDate(to, lng, false) : '',
        })
      : '—';

  return (
    <article className="results-report" aria-labelledby="rr-title">
      <header className="rr-header">
        <p className="rr-kicker">{t('reports.results.kicker')}</p>
        <h1 id="rr-title">{t('reports.results.title', { year: fiscalYearText(report.fiscalYear, lng) })}</h1>
        <p className="rr-meta">
          {t('reports.results.meta', {
            from: formatReportDate(report.from, lng, false),
            to: formatReportDate(report.to, lng, false),
            generated: formatReportDate(tokyoDate(report.generatedAt), lng, false),
          })}
        </p>
        {report.suppression.applied ? (
          <p className="rr-note">{t('reports.results.suppressed', { n: threshold })}</p>
        ) : null}
      </header>

      <section className="rr-section" aria-labelledby="rr-overview">
        <h2 id="rr-overview">{t('reports.results.overview')}</h2>

        <h3>{t('reports.results.partTraining')}</h3>
        {o.training.events.length === 0 ? (
          <p className="muted">{t('reports.results.noEvents')}</p>
        ) : (
          o.training.events.map((ev) => (
            <Facts
              key={ev.eventId}
              rows={[
                [t('reports.results.eventTitle'), ev.title],
                [
                  t('reports.results.eventDate'),
                  `${formatReportDate(tokyoDate(ev.startsAt), lng)} ${t('time.range', {
                    opens: formatClock(ev.startsAt),
                    closes: formatClock(ev.endsAt),
                  })}`,
                ],
                [t('reports.results.eventPlace'), ev.venueName ?? '—'],
                [
                  t('reports.results.eventParticipants'),
                  t('reports.results.participantsByMode', {
                    total: people(ev.attended),
                    venue: people(ev.attendedVenue),
                    online: people(ev.attendedOnline),
                  }),
                ],
              ]}
            />
          ))
        )}

        <h3>{t('reports.results.partWindows')}</h3>
        {o.windows.length === 0 ? (
          <p className="muted">{t('reports.results.noWindows')}</p>
        ) : (
          o.windows.map((w) => (
            <Facts
              key={w.windowId}
              rows={[
                [t('reports.results.window'), w.name],
                [
                  t('reports.results.windowHours'),
                  <>
                    <span className="block">{period(w.firstDay ?? w.validFrom, w.lastDay ?? w.validTo)}</span>
                    <ScheduleSummary schedule={w.schedule} />
                    {w.closedDates.length > 0 ? (
                      <span className="block">
                        {t('reports.results.closedDates', {
                          dates: w.closedDates.map((d) => formatReportDate(d, lng, false)).join(t('punctuation.list')),
                        })}
                      </span>
                    ) : null}
                  </>,
                ],
                [t('reports.results.windowPlace'), `${w.organisationName}（${w.place}）`],
                [
                  t('reports.results.windowChannels'),
                  w.channels.map((c) => t(`channels.${c}`)).join(t('punctuation.weekdays')),
                ],
                [
                  t('reports.results.openingDays'),
                  t('reports.results.openingDaysValue', { days: w.openingDays, hours: formatNumber(w.openHours, lng) }),
                ],
              ]}
            />
          ))
        )}

        <h3>{t('reports.results.partDistribution')}</h3>
        <Facts
          rows={[
            [
              t('reports.results.points'),
              dist.points.length === 0 ? '—' : dist.points.map((p) => p.name).join(t('punctuation.weekdays')),
            ],
            [t('reports.results.distributionPeriod'), period(dist.periodFrom, dist.periodTo)],
            [
              t('reports.results.handedOut'),
              t('reports.results.handedOutValue', {
                sets: sets(dist.setsHandedOut),
                n: formatNumber(dist.handOuts, lng),
              }),
            ],
          ]}
        />
        {dist.points.length > 0 ? (
          <table className="rr-table rr-points">
            <caption>{t('reports.results.pointsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.results.point')}</th>
                <th scope="col">{t('reports.results.pointKind')}</th>
                <th scope="col">{t('reports.results.cardCode')}</th>
                <th scope="col" className="num">
                  {t('reports.results.sets')}
                </th>
              </tr>
            </thead>
            <tbody>
              {dist.points.map((p) => (
                <tr key={p.pointId}>
                  <th scope="row">{p.name}</th>
                  <td>
                    {t(`distribution.kinds.${p.kind}`)}
                    {p.schoolLevel ? `（${t(`distribution.schoolLevels.${p.schoolLevel}`)}）` : ''}
                  </td>
                  <td>
                    <code>{p.cardCode}</code>
                  </td>
                  <td className="num">{formatNumber(p.setsHandedOut, lng)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>

      <section className="rr-section" aria-labelledby="rr-effects">
        <h2 id="rr-effects">{t('reports.results.effects')}</h2>

        <h3>{t('reports.results.partTraining')}</h3>
        <p className="rr-summary" lang="ja">
          {e.training.summary}
        </p>
        <table className="rr-table rr-compact rr-affiliations">
          <caption>{t('reports.results.byAffiliation')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.results.affiliation')}</th>
              <th scope="col" className="num">
                {t('reports.results.participants')}
              </th>
            </tr>
          </thead>
          <tbody>
            {e.training.byAffiliation.map((a) => (
              <tr key={a.affiliation}>
                <th scope="row">{t(`training.affiliation.${a.affiliation}`)}</th>
                <td className="num">{people(a.attended)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('reports.results.total')}</th>
              <td className="num">
                {t('reports.results.participantsByMode', {
                  total: people(e.training.participants),
                  venue: people(e.training.venue),
                  online: people(e.training.online),
                })}
              </td>
            </tr>
          </tfoot>
        </table>
        {e.training.satisfaction ? (
          <FigureTable
            caption={t('reports.results.partTraining')}
            rows={[
              [
                e.training.satisfaction.label,
                `${e.training.satisfaction.share === null ? '—' : formatValue(t, e.training.satisfaction.share, 'percent', lng)}（${count(e.training.satisfaction.numerator)}/${count(e.training.satisfaction.denominator)}）`,
              ],
            ]}
          />
        ) : null}

        <h3>{t('reports.results.partWindows')}</h3>
        <p className="rr-summary" lang="ja">
          {e.windows.summary}
        </p>
        {e.windows.items.length > 0 ? (
          <table className="rr-table rr-compact">
            <caption className="visually-hidden">{t('reports.results.partWindows')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.results.window')}</th>
                <th scope="col" className="num">
                  {t('reports.results.openingDays')}
                </th>
                <th scope="col" className="num">
                  {t('reports.results.consultations')}
                </th>
              </tr>
            </thead>
            <tbody>
              {e.windows.items.map((w) => (
                <tr key={w.windowId}>
                  <th scope="row">{w.name}</th>
                  <td className="num">{t('reports.results.days', { n: w.openingDays })}</td>
                  <td className="num">{cases(w.consultations)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}

        <h3>{t('reports.results.partDistribution')}</h3>
        <p className="rr-summary" lang="ja">
          {e.distribution.summary}
        </p>
        <FigureTable
          caption={t('reports.results.partDistribution')}
          rows={[
            [t('reports.results.handedOut'), sets(e.distribution.setsHandedOut)],
            [t('reports.results.cardTraced'), cases(e.distribution.cardTracedConsultations)],
            [
              t('reports.results.conversion'),
              e.distribution.conversionRate === null
                ? '—'
                : `${formatNumber(e.distribution.conversionRate * 100, lng, 1)}%`,
            ],
            ...(e.distribution.positive
              ? ([
                  [
                    e.distribution.positive.label,
                    `${e.distribution.positive.share === null ? '—' : formatValue(t, e.distribution.positive.share, 'percent', lng)}（${count(e.distribution.positive.numerator)}/${count(e.distribution.positive.denominator)}）`,
                  ],
                ] as [string, ReactNode][])
              : []),
          ]}
        />
      </section>

      <section className="rr-section" aria-labelledby="rr-targets">
        <h2 id="rr-targets">{t('reports.results.targets')}</h2>
        <TargetsTable targets={report.targets} threshold={threshold} />
      </section>

      <section className="rr-section" aria-labelledby="rr-challenges">
        <h2 id="rr-challenges">{t('reports.results.challenges')}</h2>
        {challenges}
      </section>
    </article>
  );
}
