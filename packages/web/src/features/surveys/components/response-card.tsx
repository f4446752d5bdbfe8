import type { Question, SurveyAnswerValue, SurveyResponse } from '@tsunagari/shared';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatNumericDateTime } from '../../../lib/format.ts';

/** One answer in words: the option's label, "5（満足）" on a scale, the number or the text. */
export function answerInWords(q: Question, value: SurveyAnswerValue, t: TFunction): string {
  const label = (optionId: string) =>
    q.options.find((o) => o.id === optionId)?.label ?? t('surveys.responses.unknownOption');
  switch (q.kind) {
    case 'single_choice':
      return typeof value === 'string' ? label(value) : String(value);
    case 'multiple_choice':
      return Array.isArray(value) ? value.map(label).join(t('punctuation.list')) : String(value);
    case 'scale5': {
      const option = q.options.find((o) => o.value === value);
      return option ? t('surveys.responses.scaleValue', { value, label: option.label }) : String(value);
    }
    case 'yes_no': {
      const option = q.options.find((o) => o.value === (value === true ? 1 : 0));
      return option?.label ?? String(value);
    }
    default:
      return String(value);
  }
}

interface ResponseCardProps {
  response: SurveyResponse;
  /** The questions of the version it answered; null while they load. */
  questions: Question[] | null;
  pointName: string | null;
  /** Said only when the survey has more than one version of its questions. */
  showVersion: boolean;
  /** Offered to staff; absent where deleting is not allowed. */
  onDelete?: (() => void) | undefined;
}

/** One anonymous response: when, how, and the answers; nothing about who. */
export function ResponseCard({ response: r, questions, pointName, showVersion, onDelete }: ResponseCardProps) {
  const { t, i18n } = useTranslation();
  const when = formatNumericDateTime(r.submittedAt, i18n.language);
  const byQuestion = new Map(r.answers.map((a) => [a.questionId, a.value]));
  const headingId = `response-${r.id}`;
  return (
    <article className="survey-response" aria-labelledby={headingId}>
      <header className="survey-response-head">
        <div>
          <h2 id={headingId}>{t('surveys.responses.heading', { date: when })}</h2>
          <p className="badges">
            <span className="badge badge-muted">{t(`surveys.channel.${r.channel}`)}</span>
            {showVersion ? (
              <span className="badge badge-muted">{t('surveys.responses.version', { n: r.version })}</span>
            ) : null}
            {pointName ? (
              <span className="badge badge-muted">{t('surveys.responses.point', { name: pointName })}</span>
            ) : null}
            {r.madeUp ? <span className="badge badge-new">{t('surveys.responses.madeUp')}</span> : null}
          </p>
        </div>
        {onDelete ? (
          <button
            type="button"
            className="button button-danger-quiet button-small"
            aria-label={t('surveys.responses.deleteLabel', { date: when })}
            onClick={onDelete}
          >
            {t('surveys.responses.delete')}
          </button>
        ) : null}
      </header>
      {questions === null ? (
        <p className="muted small">{t('app.loading')}</p>
      ) : (
        <dl className="survey-response-answers">
          {questions.map((q) => {
            const value = byQuestion.get(q.id);
            const answered = value !== undefined && value !== null;
            return (
              <div key={q.id}>
                <dt>
                  <span className="survey-question-number">
                    {t('surveys.answer.questionNumber', { n: q.position })}
                  </span>{' '}
                  {q.text}
                </dt>
                <dd className={answered ? (q.kind === 'free_text' ? 'prewrap' : undefined) : 'muted'}>
                  {answered ? answerInWords(q, value, t) : t('surveys.responses.unanswered')}
                </dd>
              </div>
            );
          })}
        </dl>
      )}
    </article>
  );
}
