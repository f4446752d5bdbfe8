import { useQuery } from '@tanstack/react-query';
import type { Role, Survey } from '@tsunagari/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { distributionPointsQueryOptions } from '../../features/distribution/api/get-distribution-points.ts';
import { useDeleteSurvey, useSurvey } from '../../features/surveys/api/surveys.ts';
import { contextInWords, surveyPeriod } from '../../features/surveys/components/format.ts';
import { isApiError } from '../../lib/api-client.ts';
import { Flash } from '../layout/flash.tsx';
import { PageTitle } from '../layout/page-title.tsx';
import { useSession } from '../layout/session.ts';
import { canEditWindows } from '../parts.ts';

/** Partners read the points of their own organisation; analysts read no points at all. */
const readsPoints = (role: Role) => role === 'admin' || role === 'staff' || role === 'partner';

/** The survey's context in words, with a way to what it names for those who may open it. */
function ContextFact({ survey: s, role }: { survey: Survey; role: Role }) {
  const { t } = useTranslation();
  const staff = canEditWindows(role);
  const pointIds = s.context.kind === 'distribution' ? s.context.distributionPointIds : [];
  const points = useQuery({ ...distributionPointsQueryOptions(), enabled: pointIds.length > 0 && readsPoints(role) });
  const named = (points.data ?? []).filter((p) => pointIds.includes(p.id));
  return (
    <dd>
      {contextInWords(s, t)}
      {s.context.kind === 'training_event' && staff && s.contextName !== null ? (
        <>
          {' '}
          <Link to={`/training/${s.context.trainingEventId}`} className="small">
            {t('surveys.about.openEvent')}
          </Link>
        </>
      ) : null}
      {s.context.kind === 'consultation_window' && s.contextName !== null ? (
        <>
          {' '}
          <Link to={`/windows/${s.context.consultationWindowId}`} className="small">
            {t('surveys.about.openWindow')}
          </Link>
        </>
      ) : null}
      {named.length > 0 ? (
        <details className="survey-context-points">
          <summary>{t('surveys.about.showPoints', { n: named.length })}</summary>
          <ul>
            {named.map((p) => (
              <li key={p.id}>
                <Link to={`/points/${p.id}`}>{p.name}</Link>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </dd>
  );
}

export default function SurveyDetailPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const me = useSession();
  const navigate = useNavigate();
  const query = useSurvey(id);
  const remove = useDeleteSurvey();
  const [copied, setCopied] = useState(false);

  const back = (
    <p className="back-link survey-qr-print-hide">
      <Link to="/surveys">← {t('surveys.back')}</Link>
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
  const writable = canEditWindows(me.role);
  const qrUrl = `/api/v1/surveys/${encodeURIComponent(s.id)}/qr.svg`;

  const onDelete = async () => {
    if (!window.confirm(t('surveys.detail.deleteConfirm', { title: s.title }))) return;
    try {
      await remove.mutateAsync({ id: s.id, etag: query.data.etag });
      navigate('/surveys', { replace: true, state: { flash: t('surveys.detail.deleted', { title: s.title }) } });
    } catch {}
  };

  return (
    <>
      <PageTitle>{s.title}</PageTitle>
      {back}
      <div className="page-head survey-qr-print-hide">
        <div>
          <h1>{s.title}</h1>
          <p className="badges">
            <span className={`badge ${s.status === 'open' ? 'badge-open' : 'badge-muted'}`}>
              {t(`surveys.status.${s.status}`)}
            </span>
          </p>
        </div>
        <div className="page-actions">
          <Link to={`/surveys/${s.id}/results`} className="button button-primary">
            {t('surveys.detail.results')}
          </Link>
          {writable ? (
            <>
              <Link to={`/surveys/${s.id}/responses`} className="button button-secondary">
                {t('surveys.responses.link')}
              </Link>
              <Link to={`/surveys/${s.id}/paper`} className="button button-secondary">
                {t('surveys.detail.paper')}
              </Link>
              <Link to={`/surveys/${s.id}/edit`} className="button button-secondary">
                {t('surveys.detail.edit')}
              </Link>
              <button type="button" className="button button-danger-quiet" onClick={() => void onDelete()}>
                {t('surveys.detail.delete')}
              </button>
            </>
          ) : null}
        </div>
      </div>
      <Flash />
      {remove.error ? (
        <ErrorMessage
          error={remove.error}
          message={isApiError(remove.error, 409) ? t('surveys.detail.hasResponses') : undefined}
        />
      ) : null}
      <div className="detail-grid">
        <div className="detail-main survey-qr-print-hide">
          <section className="panel" aria-labelledby="facts-title">
            <h2 id="facts-title">{t('surveys.detail.facts')}</h2>
            <dl className="facts survey-facts">
              <div className="survey-fact-wide">
                <dt>{t('surveys.builder.context')}</dt>
                <ContextFact survey={s} role={me.role} />
              </div>
              <div>
                <dt>{t('surveys.columns.period')}</dt>
                <dd>{surveyPeriod(s.opensOn, s.closesOn, i18n.language, t)}</dd>
              </div>
              <div>
                <dt>{t('surveys.detail.oneAnswerPerCode')}</dt>
                <dd>{t(`surveys.oneAnswerPerCode.${s.oneAnswerPerCode}`)}</dd>
              </div>
              <div>
                <dt>{t('surveys.detail.version')}</dt>
                <dd>{t('surveys.detail.versionValue', { n: s.currentVersion })}</dd>
              </div>
              <div>
                <dt>{t('surveys.detail.responses')}</dt>
                <dd>{writable ? <Link to={`/surveys/${s.id}/responses`}>{s.responseCount}</Link> : s.responseCount}</dd>
              </div>
            </dl>
            {s.description ? <p className="prewrap">{s.description}</p> : null}
          </section>
          <section className="panel" aria-labelledby="questions-title">
            <h2 id="questions-title">{t('surveys.detail.questions', { n: s.currentVersion })}</h2>
            {s.questions.length === 0 ? (
              <p className="muted">{t('surveys.detail.noQuestions')}</p>
            ) : (
              <ol>
                {s.questions.map((q) => (
                  <li key={q.id}>
                    {q.text}{' '}
                    <span className="muted small">
                      （{t(`surveys.kinds.${q.kind}`)}
                      {q.required ? `・${t('surveys.answer.required')}` : ''}）
                    </span>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
        <div className="detail-side">
          <section className="panel survey-qr" aria-labelledby="qr-title">
            <h2 id="qr-title">{t('surveys.detail.qr')}</h2>
            <p className="print-only-title">{s.title}</p>
            {/* Analysts may not print the QR code (the API answers 403): they get the link only. */}
            {me.role !== 'analyst' ? (
              <>
                <img src={qrUrl} alt={t('surveys.detail.qrAlt', { title: s.title })} width={220} height={220} />
                <p className="small">{t('surveys.detail.printLead')}</p>
              </>
            ) : null}
            <p className="survey-link">
              <a href={s.publicUrl}>{s.publicUrl}</a>
            </p>
            <p className="survey-qr-print-hide">
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => {
                  void navigator.clipboard?.writeText(s.publicUrl).then(() => setCopied(true));
                }}
              >
                {copied ? t('surveys.detail.copied') : t('surveys.detail.copy')}
              </button>{' '}
              {me.role !== 'analyst' ? (
                <button type="button" className="button button-secondary button-small" onClick={() => window.print()}>
                  {t('surveys.detail.print')}
                </button>
              ) : null}
            </p>
          </section>
        </div>
      </div>
    </>
  );
}
