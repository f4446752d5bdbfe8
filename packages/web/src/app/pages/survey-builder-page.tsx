import {
  CreateSurvey,
  OneAnswerPerCodes,
  type QuestionKind,
  QuestionKinds,
  ReplaceQuestions,
  type Survey,
  UpdateSurvey,
} from '@tsunagari/shared';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { useCreateSurvey, useSaveSurvey, useSurvey } from '../../features/surveys/api/surveys.ts';
import { AnswerList } from '../../features/surveys/components/answer-list.tsx';
import {
  type DraftQuestion,
  type DraftSurvey,
  draftFromSurvey,
  newQuestion,
  toPreview,
  toQuestionInput,
} from '../../features/surveys/components/builder-model.ts';
import { QuestionEditor } from '../../features/surveys/components/question-editor.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { formErrorMap, translateMessage } from '../../lib/validation.ts';
import { PageTitle } from '../layout/page-title.tsx';

type Errors = Record<string, string>;

const EMPTY: DraftSurvey = { title: '', description: '', opensOn: '', closesOn: '', oneAnswerPerCode: 'none' };

function Builder({ existing, etag }: { existing: Survey | null; etag: string | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const initial = existing ? draftFromSurvey(existing) : { survey: EMPTY, questions: [newQuestion('scale5')] };
  const [survey, setSurvey] = useState<DraftSurvey>(initial.survey);
  const [questions, setQuestions] = useState<DraftQuestion[]>(initial.questions);
  const [addKind, setAddKind] = useState<QuestionKind>('single_choice');
  const [errors, setErrors] = useState<Errors>({});
  const create = useCreateSurvey();
  const save = useSaveSurvey();
  const failure = existing ? save.error : create.error;

  const setField = (patch: Partial<DraftSurvey>) => setSurvey((s) => ({ ...s, ...patch }));
  const fields = {
    title: survey.title,
    description: survey.description.trim() || null,
    opensOn: survey.opensOn || null,
    closesOn: survey.closesOn || null,
    oneAnswerPerCode: survey.oneAnswerPerCode,
  };
  const questionInputs = questions.map(toQuestionInput);

  const collect = (issues: readonly { path: readonly PropertyKey[]; message: string }[], fromServer: boolean) => {
    const out: Errors = {};
    for (const issue of issues) {
      const path = issue.path.map(String);
      if (path[0] === 'body') path.shift();
      // questions.<i>.<field>…: shown at the field; option-level problems at the option list.
      const key =
        path[0] === 'questions' && path.length >= 2
          ? `questions.${path[1]}.${path[2] === 'options' || path[2] === undefined ? 'options' : path[2]}`
          : (path[0] ?? 'form');
      const message = issue.message === 'must not be before opensOn' ? 'validation.periodOrder' : issue.message;
      out[key] ??= translateMessage(t, message, fromServer);
    }
    return out;
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = existing
      ? [
          UpdateSurvey.safeParse(fields, { error: formErrorMap }),
          ReplaceQuestions.safeParse({ questions: questionInputs }, { error: formErrorMap }),
        ]
      : [CreateSurvey.safeParse({ ...fields, questions: questionInputs }, { error: formErrorMap })];
    const issues = checked.flatMap((r) => (r.success ? [] : r.error.issues));
    const found = collect(issues, false);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      if (existing && etag) {
        await save.mutateAsync({ id: existing.id, etag, changes: fields, questions: questionInputs });
        navigate(`/surveys/${existing.id}`, { state: { flash: t('surveys.builder.saved') } });
      } else {
        const created = await create.mutateAsync({ ...fields, questions: questionInputs });
        navigate(`/surveys/${created.id}`, { state: { flash: t('surveys.builder.created') } });
      }
    } catch (error) {
      if (isApiError(error, 400) || isApiError(error, 422)) {
        setErrors(
          collect(
            (error.problem?.errors ?? []).map((e) => ({ path: e.path.split('.'), message: e.message })),
            true,
          ),
        );
      }
    }
  };

  const questionErrors = (i: number): Errors => {
    const prefix = `questions.${i}.`;
    return Object.fromEntries(
      Object.entries(errors)
        .filter(([k]) => k.startsWith(prefix))
        .map(([k, v]) => [k.slice(prefix.length), v]),
    );
  };
  const move = (i: number, delta: -1 | 1) =>
    setQuestions((qs) => {
      const next = [...qs];
      const [q] = next.splice(i, 1);
      if (q) next.splice(i + delta, 0, q);
      return next;
    });

  const field = (name: keyof DraftSurvey, label: string, input: React.ReactElement, hint?: string) => (
    <div className={`field${errors[name] ? ' field-invalid' : ''}`}>
      <label className="field-label" htmlFor={`survey-${name}`}>
        {label}
      </label>
      {hint ? <p className="field-hint">{hint}</p> : null}
      {input}
      {errors[name] ? <p className="field-error">{errors[name]}</p> : null}
    </div>
  );

  return (
    <form onSubmit={onSubmit} noValidate className="survey-builder-layout">
      <div>
        <section className="panel form-section" aria-labelledby="basics-title">
          <h2 id="basics-title">{t('surveys.builder.basics')}</h2>
          {field(
            'title',
            t('surveys.builder.title'),
            <input
              id="survey-title"
              type="text"
              value={survey.title}
              aria-invalid={errors.title ? true : undefined}
              onChange={(e) => setField({ title: e.target.value })}
            />,
          )}
          {field(
            'description',
            t('surveys.builder.description'),
            <textarea
              id="survey-description"
              rows={3}
              value={survey.description}
              onChange={(e) => setField({ description: e.target.value })}
            />,
          )}
          <div className="field-row">
            {field(
              'opensOn',
              t('surveys.builder.opensOn'),
              <input
                id="survey-opensOn"
                type="date"
                value={survey.opensOn}
                onChange={(e) => setField({ opensOn: e.target.value })}
              />,
              t('surveys.builder.opensOnHint'),
            )}
            {field(
              'closesOn',
              t('surveys.builder.closesOn'),
              <input
                id="survey-closesOn"
                type="date"
                value={survey.closesOn}
                onChange={(e) => setField({ closesOn: e.target.value })}
              />,
              t('surveys.builder.closesOnHint'),
            )}
          </div>
          {field(
            'oneAnswerPerCode',
            t('surveys.builder.oneAnswerPerCode'),
            <select
              id="survey-oneAnswerPerCode"
              value={survey.oneAnswerPerCode}
              onChange={(e) => setField({ oneAnswerPerCode: e.target.value as DraftSurvey['oneAnswerPerCode'] })}
            >
              {OneAnswerPerCodes.map((o) => (
                <option key={o} value={o}>
                  {t(`surveys.oneAnswerPerCode.${o}`)}
                </option>
              ))}
            </select>,
            existing
              ? `${t('surveys.builder.context')}: ${t(`surveys.context.${existing.context.kind}`)}。${t('surveys.builder.contextHint')}`
              : t('surveys.builder.contextHint'),
          )}
        </section>
        <section className="panel" aria-labelledby="questions-title">
          <h2 id="questions-title">{t('surveys.builder.questions')}</h2>
          {existing && existing.responseCount > 0 ? (
            <p className="alert alert-info">{t('surveys.builder.versionNote')}</p>
          ) : null}
          {questions.length === 0 ? <p className="muted">{t('surveys.builder.noQuestions')}</p> : null}
          {errors.questions ? <p className="field-error">{errors.questions}</p> : null}
          {questions.map((q, i) => (
            <QuestionEditor
              key={q.key}
              question={q}
              index={i}
              count={questions.length}
              errors={questionErrors(i)}
              onChange={(next) => setQuestions((qs) => qs.map((x, j) => (j === i ? next : x)))}
              onMove={(delta) => move(i, delta)}
              onRemove={() => setQuestions((qs) => qs.filter((_, j) => j !== i))}
            />
          ))}
          <div className="inline-add">
            <label className="visually-hidden" htmlFor="survey-add-kind">
              {t('surveys.builder.addKind')}
            </label>
            <select id="survey-add-kind" value={addKind} onChange={(e) => setAddKind(e.target.value as QuestionKind)}>
              {QuestionKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`surveys.kinds.${k}`)}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => setQuestions((qs) => [...qs, newQuestion(addKind)])}
            >
              + {t('surveys.builder.add')}
            </button>
          </div>
        </section>
        {Object.keys(errors).length > 0 ? (
          <p className="alert alert-error" role="alert">
            {t('surveys.builder.fixErrors')}
          </p>
        ) : null}
        {failure && !isApiError(failure, 400) && !isApiError(failure, 422) ? (
          <ErrorMessage error={failure} message={isApiError(failure, 412) ? t('surveys.builder.stale') : undefined} />
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={create.isPending || save.isPending}>
            {create.isPending || save.isPending
              ? t('surveys.builder.saving')
              : existing
                ? t('surveys.builder.save')
                : t('surveys.builder.create')}
          </button>
          <Link to={existing ? `/surveys/${existing.id}` : '/surveys'} className="button button-quiet">
            {t('surveys.builder.cancel')}
          </Link>
        </div>
      </div>
      <aside className="panel survey-preview" aria-labelledby="preview-title">
        <h2 id="preview-title">{t('surveys.builder.preview')}</h2>
        <p className="small muted">{t('surveys.builder.previewLead')}</p>
        <div className="survey-preview-phone" inert>
          <p>
            <strong>{survey.title || '…'}</strong>
          </p>
          {survey.description ? <p className="prewrap small">{survey.description}</p> : null}
          <AnswerList questions={toPreview(questions)} answers={{}} errors={{}} onChange={() => {}} />
        </div>
      </aside>
    </form>
  );
}

export default function SurveyBuilderPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const query = useSurvey(id ?? '');
  const title = id ? t('surveys.builder.editTitle') : t('surveys.builder.newTitle');
  const back = (
    <p className="back-link">
      <Link to={id ? `/surveys/${id}` : '/surveys'}>← {id ? t('surveys.backToSurvey') : t('surveys.back')}</Link>
    </p>
  );
  if (id && query.isPending) return <Loading />;
  if (id && query.isError) {
    return (
      <>
        <PageTitle>{title}</PageTitle>
        {back}
        <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  return (
    <>
      <PageTitle>{title}</PageTitle>
      {back}
      <h1>{title}</h1>
      <Builder existing={id ? (query.data?.survey ?? null) : null} etag={query.data?.etag ?? null} />
    </>
  );
}
