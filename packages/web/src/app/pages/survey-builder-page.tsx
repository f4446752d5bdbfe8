import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import {
  CreateSurvey,
  type DistributionPoint,
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
import { consultationWindowsQueryOptions } from '../../features/consultation-windows/api/get-consultation-windows.ts';
import { distributionPointsQueryOptions } from '../../features/distribution/api/get-distribution-points.ts';
import { useCreateSurvey, useSaveSurvey, useSurvey } from '../../features/surveys/api/surveys.ts';
import { AnswerList } from '../../features/surveys/components/answer-list.tsx';
import {
  type DraftQuestion,
  type DraftSurvey,
  draftFromSurvey,
  draftStatus,
  EMPTY_DRAFT,
  newQuestion,
  sameContext,
  toContext,
  toPreview,
  toQuestionInput,
} from '../../features/surveys/components/builder-model.ts';
import {
  type ChoiceSource,
  type ContextChoice,
  ContextFields,
  type PointGroup,
} from '../../features/surveys/components/context-fields.tsx';
import { QuestionEditor } from '../../features/surveys/components/question-editor.tsx';
import { trainingEventsQueryOptions } from '../../features/training-events/api/get-training-events.ts';
import { isApiError } from '../../lib/api-client.ts';
import { formatDate, tokyoDate } from '../../lib/format.ts';
import { formErrorMap, translateMessage } from '../../lib/validation.ts';
import { PageTitle } from '../layout/page-title.tsx';

type Errors = Record<string, string>;

/** The API's English messages about the survey's fields, in the reader's words. */
const SURVEY_MESSAGES: Record<string, string> = {
  'must not be before opensOn': 'validation.periodOrder',
  'ticket needs a training_event context': 'surveys.contextForm.errors.ticketNeedsEvent',
  'card_code needs a distribution context': 'surveys.contextForm.errors.cardNeedsPoints',
  'no training event with this id': 'surveys.contextForm.errors.unknownEvent',
  'no distribution point with this id': 'surveys.contextForm.errors.unknownPoint',
  'no consultation window with this id': 'surveys.contextForm.errors.unknownWindow',
};

/** Fields of the form an error can be shown at; anything else is listed in the alert. */
const SHOWN = /^(title|description|opensOn|closesOn|oneAnswerPerCode|context(\.\w+)?|questions(\.\d+\.\w+)?)$/;

/** The lists the context is picked from, read only for the kind of context chosen. */
function useContextSources(survey: DraftSurvey, existing: Survey | null) {
  const { t, i18n } = useTranslation();
  const kind = survey.contextKind;
  const events = useInfiniteQuery({
    ...trainingEventsQueryOptions({ order: 'desc' }),
    enabled: kind === 'training_event',
  });
  const points = useQuery({ ...distributionPointsQueryOptions(), enabled: kind === 'distribution' });
  const windows = useInfiniteQuery({ ...consultationWindowsQueryOptions({}), enabled: kind === 'consultation_window' });
  const today = tokyoDate();
  const failure = (error: unknown, retry: () => void) =>
    error ? <ErrorMessage error={error} onRetry={retry} /> : null;

  const eventItems: ContextChoice[] = (events.data?.pages ?? []).flatMap((p) =>
    p.items.map((e) => ({
      id: e.id,
      label:
        e.status === 'cancelled' || e.status === 'draft'
          ? `${e.title}（${t(`training.status.${e.status}`)}）`
          : e.title,
      sub: formatDate(tokyoDate(e.startsAt), i18n.language),
    })),
  );
  // The event of a saved survey may be older than the pages read so far: it stays choosable.
  if (existing?.context.kind === 'training_event') {
    const saved = existing.context.trainingEventId;
    if (!eventItems.some((e) => e.id === saved)) {
      eventItems.push({ id: saved, label: existing.contextName ?? t('surveys.contextForm.savedEventMissing') });
    }
  }
  const eventSource: ChoiceSource<ContextChoice> = {
    items: eventItems,
    pending: events.isPending,
    failure: failure(events.error, () => void events.refetch()),
    more: events.hasNextPage
      ? {
          label: t('surveys.contextForm.olderEvents'),
          run: () => void events.fetchNextPage(),
          busy: events.isFetchingNextPage,
        }
      : undefined,
  };

  const byKind = new Map<string, DistributionPoint[]>();
  for (const p of points.data ?? []) byKind.set(p.kind, [...(byKind.get(p.kind) ?? []), p]);
  const pointSource: ChoiceSource<PointGroup> = {
    items: [...byKind.entries()].map(([k, list]) => ({
      key: k,
      label: t(`distribution.kinds.${k as DistributionPoint['kind']}`),
      points: list.map((p) => ({
        id: p.id,
        label: p.name,
        sub: p.validTo && p.validTo < today ? t('distribution.phase.ended') : undefined,
      })),
    })),
    pending: points.isPending,
    failure: failure(points.error, () => void points.refetch()),
  };

  const windowSource: ChoiceSource<ContextChoice> = {
    items: (windows.data?.pages ?? []).flatMap((p) =>
      p.items.map((w) => ({ id: w.id, label: w.name, sub: w.organisationName })),
    ),
    pending: windows.isPending,
    failure: failure(windows.error, () => void windows.refetch()),
    more: windows.hasNextPage
      ? {
          label: t('surveys.contextForm.moreWindows'),
          run: () => void windows.fetchNextPage(),
          busy: windows.isFetchingNextPage,
        }
      : undefined,
  };
  return { events: eventSource, points: pointSource, windows: windowSource };
}

function Builder({ existing, etag }: { existing: Survey | null; etag: string | null }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const initial = existing ? draftFromSurvey(existing) : { survey: EMPTY_DRAFT, questions: [newQuestion('scale5')] };
  const [survey, setSurvey] = useState<DraftSurvey>(initial.survey);
  const [questions, setQuestions] = useState<DraftQuestion[]>(initial.questions);
  const [addKind, setAddKind] = useState<QuestionKind>('single_choice');
  const [errors, setErrors] = useState<Errors>({});
  const create = useCreateSurvey();
  const save = useSaveSurvey();
  const failure = existing ? save.error : create.error;
  const sources = useContextSources(survey, existing);

  const setField = (patch: Partial<DraftSurvey>) => setSurvey((s) => ({ ...s, ...patch }));
  const context = toContext(survey);
  // An edit sends the context only when it changed, so a survey whose event was since deleted can
  // still be renamed.
  const contextChanged = existing ? !sameContext(existing.context, context) : true;
  const fields = {
    title: survey.title,
    description: survey.description.trim() || null,
    ...(contextChanged ? { context } : {}),
    opensOn: survey.opensOn || null,
    closesOn: survey.closesOn || null,
    oneAnswerPerCode: survey.oneAnswerPerCode,
  };
  const questionInputs = questions.map(toQuestionInput);
  const today = tokyoDate();
  const status = draftStatus(survey, today);

  const collect = (issues: readonly { path: readonly PropertyKey[]; message: string }[], fromServer: boolean) => {
    const out: Errors = {};
    for (const issue of issues) {
      const path = issue.path.map(String);
      if (path[0] === 'body') path.shift();
      // questions.<i>.<field>…: shown at the field; option-level problems at the option list;
      // context.<field>…: at the picker of that field (a point's index at the list of points).
      const key =
        path[0] === 'questions' && path.length >= 2
          ? `questions.${path[1]}.${path[2] === 'options' || path[2] === undefined ? 'options' : path[2]}`
          : path[0] === 'context' && path[1] && path[1] !== 'kind'
            ? `context.${path[1]}`
            : (path[0] ?? 'form');
      const known = SURVEY_MESSAGES[issue.message];
      out[key] ??= known?.startsWith('surveys.')
        ? t(known as 'surveys.contextForm.errors.unknownEvent')
        : translateMessage(t, known ?? issue.message, fromServer);
    }
    return out;
  };

  /** Focus goes to the first field that needs attention, as a screen reader user expects. */
  const focusFirstError = () =>
    requestAnimationFrame(() => {
      const first = document.querySelector<HTMLElement>(
        '.survey-builder-layout [aria-invalid="true"], .survey-builder-layout .field-invalid input:not(:disabled)',
      );
      first?.focus();
    });

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
    if (Object.keys(found).length > 0) return focusFirstError();
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
        focusFirstError();
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
      {hint ? (
        <p className="field-hint" id={`survey-${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {input}
      {errors[name] ? (
        <p className="field-error" id={`survey-${name}-error`}>
          {errors[name]}
        </p>
      ) : null}
    </div>
  );
  const describedBy = (name: keyof DraftSurvey, hint = false) =>
    [hint ? `survey-${name}-hint` : '', errors[name] ? `survey-${name}-error` : ''].filter(Boolean).join(' ') ||
    undefined;
  // What the API refused that no field shows (say, a problem with the whole body).
  const unplaced = Object.entries(errors)
    .filter(([k]) => !SHOWN.test(k))
    .map(([, v]) => v);

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
              aria-describedby={describedBy('title')}
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
              aria-invalid={errors.description ? true : undefined}
              aria-describedby={describedBy('description')}
              onChange={(e) => setField({ description: e.target.value })}
            />,
          )}
        </section>
        <section className="panel form-section" aria-labelledby="context-title">
          <h2 id="context-title">{t('surveys.contextForm.title')}</h2>
          <p className="field-hint">{t('surveys.contextForm.lead')}</p>
          <ContextFields
            draft={survey}
            onChange={setSurvey}
            errors={errors}
            events={sources.events}
            points={sources.points}
            windows={sources.windows}
            changedAfterResponses={Boolean(existing && existing.responseCount > 0 && contextChanged)}
          />
        </section>
        <section className="panel form-section" aria-labelledby="period-title">
          <h2 id="period-title">{t('surveys.contextForm.periodTitle')}</h2>
          <div className="field-row survey-dates">
            {field(
              'opensOn',
              t('surveys.builder.opensOn'),
              <input
                id="survey-opensOn"
                type="date"
                value={survey.opensOn}
                aria-invalid={errors.opensOn ? true : undefined}
                aria-describedby={describedBy('opensOn', true)}
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
                aria-invalid={errors.closesOn ? true : undefined}
                aria-describedby={describedBy('closesOn', true)}
                onChange={(e) => setField({ closesOn: e.target.value })}
              />,
              t('surveys.builder.closesOnHint'),
            )}
          </div>
          <p className="survey-status-preview" aria-live="polite">
            <span className={`badge ${status === 'open' ? 'badge-open' : 'badge-muted'}`}>
              {t(`surveys.status.${status}`)}
            </span>{' '}
            {t(`surveys.contextForm.statusPreview.${status === 'draft' && !survey.opensOn ? 'draftNoDate' : status}`, {
              today: formatDate(today, i18n.language),
              opens: survey.opensOn ? formatDate(survey.opensOn, i18n.language) : '',
            })}
          </p>
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
          <div className="alert alert-error" role="alert">
            <p>{t('surveys.builder.fixErrors')}</p>
            {unplaced.map((m) => (
              <p key={m}>{m}</p>
            ))}
          </div>
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
