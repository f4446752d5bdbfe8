import type { SurveyResponse } from '@tsunagari/shared';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { Modal } from '../../../components/modal.tsx';
import { formatNumericDateTime } from '../../../lib/format.ts';
import { useDeleteResponse } from '../api/responses.ts';

const REASONS = ['test', 'duplicate', 'other'] as const;
type Reason = (typeof REASONS)[number];

interface DeleteResponseDialogProps {
  surveyId: string;
  /** The response to delete; null keeps the dialog closed. */
  response: SurveyResponse | null;
  onClose: () => void;
  /** After the response is gone (also when someone else deleted it first). */
  onDeleted: (alreadyGone: boolean) => void;
}

/** Asks why (the audit log keeps the reason) before a response is deleted for good. */
export function DeleteResponseDialog({ surveyId, response, onClose, onDeleted }: DeleteResponseDialogProps) {
  const { t } = useTranslation();
  const leadId = useId();
  return (
    <Modal open={response !== null} title={t('surveys.responses.deleteTitle')} onClose={onClose} describedBy={leadId}>
      {response ? (
        <DeleteForm surveyId={surveyId} response={response} leadId={leadId} onClose={onClose} onDeleted={onDeleted} />
      ) : null}
    </Modal>
  );
}

function DeleteForm({
  surveyId,
  response,
  leadId,
  onClose,
  onDeleted,
}: {
  surveyId: string;
  response: SurveyResponse;
  leadId: string;
  onClose: () => void;
  onDeleted: (alreadyGone: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const remove = useDeleteResponse();
  const [reason, setReason] = useState<Reason>(response.channel === 'paper' ? 'duplicate' : 'test');
  const [other, setOther] = useState('');
  const [otherError, setOtherError] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const text = reason === 'other' ? other.trim() : t(`surveys.responses.reasons.${reason}`);
    if (!text) {
      setOtherError(true);
      document.getElementById(`${id}-other`)?.focus();
      return;
    }
    try {
      const result = await remove.mutateAsync({ id: surveyId, responseId: response.id, reason: text });
      onDeleted(result.alreadyGone);
    } catch {}
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <p id={leadId}>
        <strong>
          {t('surveys.responses.heading', { date: formatNumericDateTime(response.submittedAt, i18n.language) })}
        </strong>
        （{t(`surveys.channel.${response.channel}`)}）
        <br />
        {t('surveys.responses.deleteLead')}
      </p>
      <fieldset className="field">
        <legend className="field-label">{t('surveys.responses.reason')}</legend>
        {REASONS.map((r) => (
          <label key={r} className="check survey-reason">
            <input
              type="radio"
              name={`${id}-reason`}
              value={r}
              checked={reason === r}
              onChange={() => {
                setReason(r);
                setOtherError(false);
              }}
            />
            {t(`surveys.responses.reasons.${r}`)}
          </label>
        ))}
      </fieldset>
      {reason === 'other' ? (
        <div className={`field${otherError ? ' field-invalid' : ''}`}>
          <label className="field-label" htmlFor={`${id}-other`}>
            {t('surveys.responses.otherReason')}
          </label>
          <input
            id={`${id}-other`}
            type="text"
            maxLength={500}
            value={other}
            aria-invalid={otherError ? true : undefined}
            aria-describedby={otherError ? `${id}-other-error` : undefined}
            onChange={(e) => {
              setOther(e.target.value);
              if (e.target.value.trim()) setOtherError(false);
            }}
          />
          {otherError ? (
            <p className="field-error" id={`${id}-other-error`}>
              {t('surveys.responses.reasonRequired')}
            </p>
          ) : null}
        </div>
      ) : null}
      {remove.isError ? <ErrorMessage error={remove.error} /> : null}
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('surveys.responses.cancel')}
        </button>
        <button type="submit" className="button button-danger" disabled={remove.isPending}>
          {remove.isPending ? t('surveys.responses.deleting') : t('surveys.responses.confirm')}
        </button>
      </div>
    </form>
  );
}
