import { useQuery } from '@tanstack/react-query';
import type { Survey, SurveyResponse } from '@tsunagari/shared';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { distributionPointsQueryOptions } from '../../features/distribution/api/get-distribution-points.ts';
import { type ResponseFilters, useSurveyResponses, useSurveyVersions } from '../../features/surveys/api/responses.ts';
import { useSurvey } from '../../features/surveys/api/surveys.ts';
import { DeleteResponseDialog } from '../../features/surveys/components/delete-response-dialog.tsx';
import { contextInWords } from '../../features/surveys/components/format.ts';
import { ResponseCard } from '../../features/surveys/components/response-card.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { PageTitle } from '../layout/page-title.tsx';
import { useSession } from '../layout/session.ts';
import { canEditWindows } from '../parts.ts';

function Responses({ survey }: { survey: Survey }) {
  const { t } = useTranslation();
  const me = useSession();
  // The filters live in the address, so "back" from a response keeps them.
  const [params, setParams] = useSearchParams();
  const channel = params.get('channel');
  const version = Number(params.get('version'));
  const filters: ResponseFilters = {
    channel: channel === 'web' || channel === 'paper' ? channel : undefined,
    version: Number.isInteger(version) && version > 0 ? version : undefined,
  };
  const query = useSurveyResponses(survey.id, filters);
  const [deleting, setDeleting] = useState<SurveyResponse | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  const responses = query.data?.pages.flatMap((p) => p.items) ?? [];
  const older = [...new Set(responses.map((r) => r.version))].filter((n) => n !== survey.currentVersion);
  const versions = useSurveyVersions(survey.id, older);
  const questionsOf = (n: number) => (n === survey.currentVersion ? survey.questions : (versions.get(n) ?? null));
  const withPoints = responses.some((r) => r.distributionPointId !== null);
  const points = useQuery({ ...distributionPointsQueryOptions(), enabled: withPoints });
  const pointName = (pointId: string | null) =>
    pointId ? (points.data?.find((p) => p.id === pointId)?.name ?? null) : null;
  const filtered = filters.channel !== undefined || filters.version !== undefined;

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

  return (
    <>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label={t('surveys.responses.filter')}>
        <div className="field">
          <label className="field-label" htmlFor="responses-version">
            {t('surveys.results.version')}
          </label>
          <select
            id="responses-version"
            value={filters.version ? String(filters.version) : ''}
            onChange={(e) => set('version', e.target.value)}
          >
            <option value="">{t('surveys.responses.versionAll')}</option>
            {survey.versions.map((v) => (
              <option key={v.number} value={v.number}>
                {t('surveys.results.versionOption', { n: v.number, responses: v.responseCount })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor="responses-channel">
            {t('surveys.results.channel')}
          </label>
          <select id="responses-channel" value={filters.channel ?? ''} onChange={(e) => set('channel', e.target.value)}>
            <option value="">{t('surveys.responses.channelAll')}</option>
            <option value="web">{t('surveys.channel.web')}</option>
            <option value="paper">{t('surveys.channel.paper')}</option>
          </select>
        </div>
      </form>
      <div ref={noticeRef} tabIndex={-1} className="survey-responses-notice">
        {notice ? (
          <div className="alert alert-success" role="status">
            <p>{notice}</p>
          </div>
        ) : null}
      </div>
      {query.isPending ? (
        <Loading />
      ) : query.isError && !query.data ? (
        <ErrorMessage
          error={query.error}
          message={isApiError(query.error, 403) ? t('surveys.responses.forbidden') : undefined}
          onRetry={() => void query.refetch()}
        />
      ) : responses.length === 0 ? (
        <p className="empty">{filtered ? t('surveys.responses.emptyFiltered') : t('surveys.responses.empty')}</p>
      ) : (
        <>
          <p className="muted small" aria-live="polite">
            {t('surveys.responses.shown', { n: responses.length })}
          </p>
          <div className={`survey-responses${query.isFetching && !query.isFetchingNextPage ? ' is-stale' : ''}`}>
            {responses.map((r) => (
              <ResponseCard
                key={r.id}
                response={r}
                questions={questionsOf(r.version)}
                pointName={pointName(r.distributionPointId)}
                showVersion={survey.versions.length > 1}
                onDelete={canEditWindows(me.role) ? () => setDeleting(r) : undefined}
              />
            ))}
          </div>
          {query.hasNextPage ? (
            <p className="survey-responses-more">
              <button
                type="button"
                className="button button-secondary"
                disabled={query.isFetchingNextPage}
                onClick={() => void query.fetchNextPage()}
              >
                {query.isFetchingNextPage ? t('surveys.responses.loadingMore') : t('surveys.responses.more')}
              </button>
            </p>
          ) : null}
        </>
      )}
      <DeleteResponseDialog
        surveyId={survey.id}
        response={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={(alreadyGone) => {
          setDeleting(null);
          setNotice(alreadyGone ? t('surveys.responses.alreadyGone') : t('surveys.responses.deleted'));
          // The card and its button are gone: focus moves to the message that says so.
          requestAnimationFrame(() => noticeRef.current?.focus());
        }}
      />
    </>
  );
}

export default function SurveyResponsesPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useSurvey(id);
  const back = (
    <p className="back-link">
      <Link to={`/surveys/${id}`}>← {t('surveys.backToSurvey')}</Link>
    </p>
  );
  if (query.isPending) return <Loading />;
  if (query.isError) {
    const missing = isApiError(query.error, 404) || isApiError(query.error, 400);
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
  const s = query.data.survey;
  const title = t('surveys.responses.title', { title: s.title });
  return (
    <>
      <PageTitle>{title}</PageTitle>
      {back}
      <div className="page-head">
        <div>
          <h1>{title}</h1>
          <p className="lead">{contextInWords(s, t)}</p>
          <p className="survey-responses-total">
            <strong>{t('surveys.responses.total', { n: s.responseCount })}</strong>
          </p>
        </div>
        <div className="page-actions">
          <Link to={`/surveys/${s.id}/results`} className="button button-secondary">
            {t('surveys.detail.results')}
          </Link>
        </div>
      </div>
      <p className="muted">{t('surveys.responses.lead')}</p>
      <Responses survey={s} />
    </>
  );
}
