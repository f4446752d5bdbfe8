import type { Survey } from '@tsunagari/shared';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { useCreatePaperResponse, useSurvey } from '../../features/surveys/api/surveys.ts';
import {
  type AnswerErrors,
  AnswerList,
  type Answers,
  checkAnswers,
  errorsByQuestion,
  focusFirstError,
} from '../../features/surveys/components/answer-list.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { tokyoDate } from '../../lib/format.ts';
import { PageTitle } from '../layout/page-title.tsx';

function PaperForm({ survey }: { survey: Survey }) {
  const { t } = useTranslation();
  const create = useCreatePaperResponse();
  const [answers, setAnswers] = useState<Answers>({});
  const [errors, setErrors] = useState<AnswerErrors>({});
  const [submittedAt, setSubmittedAt] = useState(tokyoDate());
  const [code, setCode] = useState('');
  const [saved, setSaved] = useState(0);
  const [empty, setEmpty] = useState(false);
  const top = useRef<HTMLDivElement>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const found = checkAnswers(survey.questions, answers, t);
    setErrors(found);
    const none = Object.values(answers).every((v) => v === null || v === '' || (Array.isArray(v) && !v.length));
    setEmpty(none && Object.keys(found).length === 0);
    if (Object.keys(found).length > 0) return focusFirstError(found, survey.questions);
    if (none) return;
    try {
      await create.mutateAsync({
        id: survey.id,
        body: {
          version: survey.currentVersion,
          answers,
          submittedAt,
          ...(code.trim() ? { code: code.trim() } : {}),
        },
      });
      // Ready for the next sheet: answers cleared, date kept (a stack of sheets shares it).
      setAnswers({});
      setCode('');
      setSaved((n) => n + 1);
      top.current?.querySelector<HTMLElement>('.survey-question input, .survey-question textarea')?.focus();
    } catch (error) {
      if (isApiError(error, 400) || isApiError(error, 422)) {
        const byQuestion = errorsByQuestion(error.problem?.errors ?? [], t);
        setErrors(byQuestion);
        focusFirstError(byQuestion, survey.questions);
      }
    }
  };

  return (
    <form onSubmit={onSubmit} noValidate className="survey-paper">
      <div className="field-row">
        <div className="field">
          <label className="field-label" htmlFor="paper-date">
            {t('surveys.paper.submittedAt')}
          </label>
          <input
            id="paper-date"
            type="date"
            value={submittedAt}
            max={tokyoDate()}
            onChange={(e) => setSubmittedAt(e.target.value)}
          />
        </div>
        {survey.oneAnswerPerCode !== 'none' ? (
          <div className="field">
            <label className="field-label" htmlFor="paper-code">
              {t('surveys.paper.code')}
            </label>
            <input id="paper-code" autoComplete="off" value={code} onChange={(e) => setCode(e.target.value)} />
          </div>
        ) : null}
      </div>
      <div role="status" aria-live="polite">
        {saved > 0 ? (
          <div className="alert alert-success">
            <p>
              {t('surveys.paper.saved', { n: saved })} {t('surveys.paper.count', { n: saved })}
            </p>
            {/* A sheet typed in twice is taken out again from the list of responses. */}
            <p>
              <Link to={`/surveys/${survey.id}/responses?channel=paper`}>{t('surveys.paper.responsesLink')}</Link>
            </p>
          </div>
        ) : null}
      </div>
      <div ref={top}>
        <AnswerList
          keyboard
          questions={survey.questions}
          answers={answers}
          errors={errors}
          onChange={(qid, value) => {
            setAnswers((a) => ({ ...a, [qid]: value }));
            if (errors[qid]) setErrors(({ [qid]: _gone, ...rest }) => rest);
          }}
        />
      </div>
      {Object.keys(errors).length > 0 ? (
        <p className="alert alert-error" role="alert">
          {t('surveys.paper.fixErrors')}
        </p>
      ) : null}
      {empty ? (
        <p className="alert alert-error" role="alert">
          {t('surveys.paper.empty')}
        </p>
      ) : null}
      {create.error && !isApiError(create.error, 400) && !isApiError(create.error, 422) ? (
        <ErrorMessage error={create.error} />
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? t('surveys.paper.saving') : t('surveys.paper.save')}
        </button>
      </div>
    </form>
  );
}

/** Staff typing in a stack of paper forms: keyboard first, the form clears after each sheet. */
export default function SurveyPaperPage() {
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
    return (
      <>
        <PageTitle>{t('surveys.title')}</PageTitle>
        {back}
        <ErrorMessage
          error={query.error}
          message={isApiError(query.error, 404) || isApiError(query.error, 400) ? t('surveys.notFound') : undefined}
          onRetry={() => void query.refetch()}
        />
      </>
    );
  }
  const s = query.data.survey;
  const title = t('surveys.paper.title', { title: s.title });
  return (
    <>
      <PageTitle>{title}</PageTitle>
      {back}
      <h1>{title}</h1>
      <p className="lead">{t('surveys.paper.lead')}</p>
      {s.status !== 'open' ? <p className="muted small">{t('surveys.paper.notOpenNote')}</p> : null}
      {s.questions.length === 0 ? <p className="empty">{t('surveys.detail.noQuestions')}</p> : <PaperForm survey={s} />}
    </>
  );
}
