import type { PublicSurvey } from '@tsunagari/shared';
import type { TFunction } from 'i18next';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { usePublicSurvey, useSubmitPublicResponse } from '../../features/surveys/api/public-survey.ts';
import {
  type AnswerErrors,
  AnswerList,
  type Answers,
  checkAnswers,
  errorsByQuestion,
  focusFirstError,
} from '../../features/surveys/components/answer-list.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { formatDate } from '../../lib/format.ts';
import { LanguageSwitch } from '../layout/language-switch.tsx';
import { PageTitle } from '../layout/page-title.tsx';

function PublicShell({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="public-page survey-public">
      <header className="public-header">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{t('app.name')}</span>
        </span>
        <LanguageSwitch />
      </header>
      <main id="main" className="public-main">
        {children}
      </main>
      <footer className="public-footer">
        <p>{t('surveys.public.footer')}</p>
      </footer>
    </div>
  );
}

/** Why the form cannot be answered, in words for the person holding the phone. */
function unavailableText(error: unknown, t: TFunction) {
  if (isApiError(error, 410)) return t('surveys.public.closed');
  if (isApiError(error, 409) && error.code === 'already_answered') return t('surveys.public.alreadyAnswered');
  if (isApiError(error, 409)) return t('surveys.public.notOpen');
  if (isApiError(error, 429)) return t('surveys.public.tooMany');
  if (isApiError(error, 404) || isApiError(error, 400)) return t('surveys.public.notFound');
  return undefined;
}

function SurveyForm({ survey, token, card }: { survey: PublicSurvey; token: string; card: string | undefined }) {
  const { t, i18n } = useTranslation();
  const submit = useSubmitPublicResponse();
  const [answers, setAnswers] = useState<Answers>({});
  const [errors, setErrors] = useState<AnswerErrors>({});
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const honeypot = useRef<HTMLInputElement>(null);
  const thanks = useRef<HTMLHeadingElement>(null);
  const needsCode = survey.oneAnswerPerCode !== 'none';

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const found = checkAnswers(survey.questions, answers, t);
    const noAnswer = Object.values(answers).every((v) => v === null || v === '' || (Array.isArray(v) && !v.length));
    setErrors(found);
    setCodeError(needsCode && !code.trim() ? t('surveys.answer.errors.required') : null);
    if (Object.keys(found).length > 0 || (needsCode && !code.trim())) {
      focusFirstError(found, survey.questions);
      return;
    }
    if (noAnswer) {
      setCodeError(null);
      setErrors({ [survey.questions[0]?.id ?? '']: t('surveys.public.answerOne') });
      focusFirstError({ [survey.questions[0]?.id ?? '']: 'x' }, survey.questions);
      return;
    }
    try {
      await submit.mutateAsync({
        token,
        body: {
          version: survey.version,
          answers,
          ...(needsCode ? { code: code.trim() } : {}),
          ...(card ? { card } : {}),
          ...(honeypot.current?.value ? { website: honeypot.current.value } : {}),
        },
      });
      setDone(true);
      window.scrollTo(0, 0);
      requestAnimationFrame(() => thanks.current?.focus());
    } catch (error) {
      if (isApiError(error, 400) || isApiError(error, 422)) {
        const serverErrors = error.problem?.errors ?? [];
        const byQuestion = errorsByQuestion(serverErrors, t);
        setErrors(byQuestion);
        if (serverErrors.some((e) => e.path.endsWith('.code'))) setCodeError(t('surveys.public.badCode'));
        focusFirstError(byQuestion, survey.questions);
      }
    }
  };

  if (done) {
    return (
      <section className="public-card survey-thanks" aria-labelledby="thanks-title">
        <h2 id="thanks-title" ref={thanks} tabIndex={-1}>
          {t('surveys.public.thanksTitle')}
        </h2>
        <p>{t('surveys.public.thanksBody')}</p>
      </section>
    );
  }

  const failure = submit.error;
  const failureText = failure ? unavailableText(failure, t) : undefined;
  return (
    <form className="survey-form" onSubmit={onSubmit} noValidate>
      {survey.closesOn ? (
        <p className="small muted">
          {t('surveys.public.closesOn', { date: formatDate(survey.closesOn, i18n.language) })}
        </p>
      ) : null}
      <p className="small">{t('surveys.public.lead')}</p>
      <AnswerList
        questions={survey.questions}
        answers={answers}
        errors={errors}
        onChange={(id, value) => {
          setAnswers((a) => ({ ...a, [id]: value }));
          if (errors[id]) setErrors(({ [id]: _gone, ...rest }) => rest);
        }}
      />
      {needsCode ? (
        <div className={`field survey-code${codeError ? ' field-invalid' : ''}`}>
          <label htmlFor="survey-code" className="field-label">
            {survey.oneAnswerPerCode === 'ticket' ? t('surveys.public.ticketCode') : t('surveys.public.cardCode')}
            <span className="required-tag">{t('surveys.answer.required')}</span>
          </label>
          <p className="field-hint" id="survey-code-hint">
            {t('surveys.public.codeHint')}
          </p>
          <input
            id="survey-code"
            autoComplete="off"
            autoCapitalize="characters"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            aria-describedby={codeError ? 'survey-code-hint survey-code-error' : 'survey-code-hint'}
            aria-invalid={codeError ? true : undefined}
          />
          {codeError ? (
            <p className="field-error" id="survey-code-error">
              {codeError}
            </p>
          ) : null}
        </div>
      ) : null}
      {/* Bots fill every field; people never see this one. A filled one makes the answer ignored. */}
      <div className="survey-honeypot" aria-hidden="true">
        <label htmlFor="survey-website">Website</label>
        <input id="survey-website" ref={honeypot} name="website" type="text" tabIndex={-1} autoComplete="off" />
      </div>
      {Object.keys(errors).length > 0 ? (
        <p className="alert alert-error" role="alert">
          {t('surveys.public.fixErrors')}
        </p>
      ) : null}
      {failure && !isApiError(failure, 400) && !isApiError(failure, 422) ? (
        <ErrorMessage error={failure} message={failureText} />
      ) : null}
      <button type="submit" className="button button-primary button-wide survey-submit" disabled={submit.isPending}>
        {submit.isPending ? t('surveys.public.sending') : t('surveys.public.send')}
      </button>
    </form>
  );
}

/** The public link of a survey on a phone: one question per block, no sign-in, nothing that identifies her. */
export default function SurveyPublicPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const [params] = useSearchParams();
  const card = params.get('card') ?? undefined;
  const query = usePublicSurvey(token, card);

  if (query.isPending) {
    return (
      <PublicShell>
        <PageTitle>{t('surveys.public.title')}</PageTitle>
        <Loading />
      </PublicShell>
    );
  }
  if (query.isError) {
    return (
      <PublicShell>
        <PageTitle>{t('surveys.public.title')}</PageTitle>
        <h1>{t('surveys.public.title')}</h1>
        <ErrorMessage
          error={query.error}
          message={unavailableText(query.error, t)}
          onRetry={() => void query.refetch()}
        />
      </PublicShell>
    );
  }
  const s = query.data;
  return (
    <PublicShell>
      <PageTitle>{s.title}</PageTitle>
      <p className="public-kicker">{t('surveys.public.kicker')}</p>
      <h1>{s.title}</h1>
      {s.point ? <p className="muted">{t('surveys.public.point', { name: s.point.name })}</p> : null}
      {s.description ? <p className="prewrap public-description">{s.description}</p> : null}
      <SurveyForm survey={s} token={token} card={card} />
    </PublicShell>
  );
}
