import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { useSurveys } from '../../features/surveys/api/surveys.ts';
import { contextInWords, surveyPeriod } from '../../features/surveys/components/format.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { Flash } from '../layout/flash.tsx';
import { PageTitle } from '../layout/page-title.tsx';
import { useSession } from '../layout/session.ts';
import { canEditWindows } from '../parts.ts';

export default function SurveysListPage() {
  const { t, i18n } = useTranslation();
  const me = useSession();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const debouncedQ = useDebounced(q.trim(), 300);
  const query = useSurveys({ q: debouncedQ || undefined, status: status || undefined });
  // Staff and admins build surveys; the API refuses others, the screen only stops offering it.
  const writable = canEditWindows(me.role);

  return (
    <>
      <PageTitle>{t('surveys.title')}</PageTitle>
      <div className="page-head">
        <div>
          <h1>{t('surveys.title')}</h1>
          <p className="lead">{t('surveys.lead')}</p>
        </div>
        {writable ? (
          <div className="page-actions">
            <Link to="/surveys/new" className="button button-primary">
              {t('surveys.new')}
            </Link>
          </div>
        ) : null}
      </div>
      <Flash />
      <div className="filters">
        <div className="field">
          <label className="field-label" htmlFor="survey-q">
            {t('surveys.search')}
          </label>
          <input id="survey-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <div className="field">
          <label className="field-label" htmlFor="survey-status">
            {t('surveys.columns.status')}
          </label>
          <select id="survey-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('surveys.statusAll')}</option>
            <option value="draft">{t('surveys.status.draft')}</option>
            <option value="open">{t('surveys.status.open')}</option>
            <option value="closed">{t('surveys.status.closed')}</option>
          </select>
        </div>
      </div>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <p className="empty">{t('surveys.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('surveys.columns.title')}</th>
                <th scope="col">{t('surveys.columns.status')}</th>
                <th scope="col">{t('surveys.columns.period')}</th>
                <th scope="col">{t('surveys.columns.questions')}</th>
                <th scope="col">{t('surveys.columns.responses')}</th>
              </tr>
            </thead>
            <tbody>
              {query.data.items.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <Link to={`/surveys/${s.id}`} className="row-link">
                      {s.title}
                    </Link>
                    <span className="row-sub">{contextInWords(s, t)}</span>
                  </th>
                  <td>
                    <span className={`badge ${s.status === 'open' ? 'badge-open' : 'badge-muted'}`}>
                      {t(`surveys.status.${s.status}`)}
                    </span>
                  </td>
                  <td>{surveyPeriod(s.opensOn, s.closesOn, i18n.language, t)}</td>
                  <td>{s.questionCount}</td>
                  <td>
                    <Link to={`/surveys/${s.id}/results`}>{s.responseCount}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
