import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { type ResultFilters, resultsCsvUrl, useSurveyResults } from '../../features/surveys/api/surveys.ts';
import { countText } from '../../features/surveys/components/format.ts';
import { QuestionResultPanel } from '../../features/surveys/components/question-result.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { PageTitle } from '../layout/page-title.tsx';
import { useSession } from '../layout/session.ts';
import { canEditWindows } from '../parts.ts';

export default function SurveyResultsPage() {
  const { t } = useTranslation();
  const me = useSession();
  const { id = '' } = useParams();
  // The filters live in the address, so a filtered result can be bookmarked and shared.
  const [params, setParams] = useSearchParams();
  const channel = params.get('channel');
  const filters: ResultFilters = {
    from: params.get('from') || undefined,
    to: params.get('to') || undefined,
    channel: channel === 'web' || channel === 'paper' ? channel : undefined,
    version: params.get('version') ? Number(params.get('version')) : undefined,
  };
  const [from, setFrom] = useState(filters.from ?? '');
  const [to, setTo] = useState(filters.to ?? '');
  const query = useSurveyResults(id, filters);

  const set = (key: string, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const back = (
    <p className="back-link">
      <Link to={`/surveys/${id}`}>← {t('surveys.backToSurvey')}</Link>
    </p>
  );
  if (query.isPending) return <Loading />;
  if (query.isError && !query.data) {
    const missing = isApiError(query.error, 404);
    return (
      <>
        <PageTitle>{t('surveys.title')}</PageTitle>
        {back}
        <ErrorMessage
          error={query.error}
          message={missing ? t('surveys.notFound') : undefined}
          onRetry={() => void query.refetch()}
        />
      </>
    );
  }
  const r = query.data;
  const threshold = r.suppression.threshold;
  const title = t('surveys.results.title', { title: r.title });
  return (
    <>
      <PageTitle>{title}</PageTitle>
      {back}
      <div className="page-head">
        <div>
          <h1>{title}</h1>
          <p className="lead">
            {t('surveys.results.responses')}: <strong>{countText(r.responses, threshold)}</strong>（
            {t('surveys.results.byChannel', {
              web: countText(r.channels.web, threshold),
              paper: countText(r.channels.paper, threshold),
            })}
            ）
          </p>
        </div>
        <div className="page-actions">
          {/* Single responses (and deleting them) are for staff and admins, as in the API. */}
          {canEditWindows(me.role) ? (
            <>
              <Link to={`/surveys/${id}/responses`} className="button button-secondary">
                {t('surveys.responses.link')}
              </Link>
              <a
                className="button button-secondary"
                href={resultsCsvUrl(id, { ...filters, version: r.version })}
                download
              >
                {t('surveys.results.csv')}
              </a>
            </>
          ) : null}
        </div>
      </div>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setParams(
            (current) => {
              const next = new URLSearchParams(current);
              for (const [k, v] of [
                ['from', from],
                ['to', to],
              ] as const) {
                if (v) next.set(k, v);
                else next.delete(k);
              }
              return next;
            },
            { replace: true },
          );
        }}
      >
        <div className="field">
          <label className="field-label" htmlFor="results-version">
            {t('surveys.results.version')}
          </label>
          <select id="results-version" value={String(r.version)} onChange={(e) => set('version', e.target.value)}>
            {r.versions.map((v) => (
              <option key={v.number} value={v.number}>
                {t('surveys.results.versionOption', { n: v.number, responses: countText(v.responses, threshold) })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor="results-channel">
            {t('surveys.results.channel')}
          </label>
          <select id="results-channel" value={filters.channel ?? ''} onChange={(e) => set('channel', e.target.value)}>
            <option value="">{t('surveys.results.channelAll')}</option>
            <option value="web">{t('surveys.channel.web')}</option>
            <option value="paper">{t('surveys.channel.paper')}</option>
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor="results-from">
            {t('surveys.results.from')}
          </label>
          <input id="results-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div className="field">
          <label className="field-label" htmlFor="results-to">
            {t('surveys.results.to')}
          </label>
          <input id="results-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
        <div className="field">
          <button type="submit" className="button button-secondary">
            {t('surveys.results.apply')}
          </button>
        </div>
      </form>
      {query.isError ? <ErrorMessage error={query.error} /> : null}
      {r.madeUp > 0 ? <p className="alert alert-info">{t('surveys.results.madeUp', { n: r.madeUp })}</p> : null}
      {r.suppression.applied ? (
        <p className="muted small">{t('surveys.results.suppressed', { n: threshold })}</p>
      ) : null}
      <p className="muted small">{t('surveys.results.shareNote')}</p>
      {r.suppression.withheld ? (
        <p className="muted">{t('surveys.results.withheld')}</p>
      ) : r.responses === 0 ? (
        <p className="empty">{t('surveys.results.noResponses')}</p>
      ) : (
        <div className={`survey-results-grid${query.isFetching ? ' is-stale' : ''}`}>
          {r.questions.map((q) => (
            <QuestionResultPanel key={q.questionId} result={q} threshold={threshold} />
          ))}
        </div>
      )}
    </>
  );
}
