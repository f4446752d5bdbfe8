import type { QuestionResult, ShareOf } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';
import { countText, countValue, percent } from './format.ts';

function Share({ label, share, threshold }: { label: string; share: ShareOf; threshold: number }) {
  const { t, i18n } = useTranslation();
  return (
    <p className="survey-share">
      {label}: <strong>{share.share === null ? '—' : percent(i18n.language).format(share.share)}</strong>{' '}
      <span className="muted">
        {t('surveys.results.shareOf', {
          count: countText(share.count, threshold),
          denominator: countText(share.denominator, threshold),
          share: share.share === null ? '—' : percent(i18n.language).format(share.share),
        })}
      </span>
    </p>
  );
}

/**
 * One question's results: a table first (read as one by a screen reader, numbers written out),
 * bars drawn in CSS beside them. A hidden count gets no bar.
 */
export function QuestionResultPanel({ result: r, threshold }: { result: QuestionResult; threshold: number }) {
  const { t, i18n } = useTranslation();
  const pct = percent(i18n.language);
  const titleId = `q-${r.questionId}`;
  const answered = countValue(r.answered);
  const rows =
    r.kind === 'number'
      ? r.distribution.map((d) => ({
          key: String(d.value),
          label: String(d.value),
          count: d.count,
          tags: [] as string[],
        }))
      : r.options.map((o) => ({
          key: o.optionId,
          label: r.kind === 'scale5' ? `${o.value} ${o.label}` : o.label,
          count: o.count,
          tags: [
            ...(o.countsAsSatisfied ? [t('surveys.results.satisfiedTag')] : []),
            ...(o.countsAsPositive ? [t('surveys.results.positiveTag')] : []),
          ],
        }));
  const max = Math.max(1, ...rows.map((row) => countValue(row.count) ?? 0));
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>
        {t('surveys.answer.questionNumber', { n: r.position })} {r.text}
      </h2>
      <p className="muted small">
        {t(`surveys.kinds.${r.kind}`)}・
        {t('surveys.results.answered', {
          answered: countText(r.answered, threshold),
          unanswered: countText(r.unanswered, threshold),
        })}
      </p>
      {r.satisfied ? <Share label={t('surveys.results.satisfied')} share={r.satisfied} threshold={threshold} /> : null}
      {r.positive ? <Share label={t('surveys.results.positive')} share={r.positive} threshold={threshold} /> : null}
      {r.mean !== null ? (
        <p className="survey-share">{t('surveys.results.mean', { mean: r.mean.toFixed(2) })}</p>
      ) : null}
      {rows.length > 0 ? (
        <table className="survey-bars">
          <thead className="visually-hidden">
            <tr>
              <th scope="col">{r.kind === 'number' ? t('surveys.results.value') : t('surveys.builder.options')}</th>
              <th scope="col">{t('surveys.results.count')}</th>
              <th scope="col">{t('surveys.results.share')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const n = countValue(row.count);
              return (
                <tr key={row.key}>
                  <th scope="row" className="survey-bar-label">
                    {row.label}
                    {row.tags.length > 0 ? <span className="row-sub">{row.tags.join('・')}</span> : null}
                  </th>
                  <td className="survey-bar-count">{countText(row.count, threshold)}</td>
                  <td>
                    <span className="survey-bar-cell">
                      <span className="survey-bar-track" aria-hidden="true">
                        {n !== null && n > 0 ? (
                          <span className="survey-bar" style={{ width: `${(n / max) * 100}%` }} />
                        ) : null}
                      </span>
                      <span className="survey-bar-share">{n !== null && answered ? pct.format(n / answered) : ''}</span>
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {r.kind === 'free_text' ? (
        r.freeText === null ? (
          <p className="muted">{t('surveys.results.freeTextHidden')}</p>
        ) : r.freeText.length === 0 ? (
          <p className="muted">{t('surveys.results.noFreeText')}</p>
        ) : (
          <ul className="survey-free-text">
            {r.freeText.map((f) => (
              <li key={f.responseId}>{f.text}</li>
            ))}
          </ul>
        )
      ) : null}
    </section>
  );
}
