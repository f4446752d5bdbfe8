import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { useDeleteConsultation } from '../api/delete-consultation.ts';

interface DeleteConsultationDialogProps {
  id: string;
  /** "2022年3月29日(火) 16:32 女性相談室": which record, in words. */
  summary: string;
  open: boolean;
  onClose: () => void;
  onDeleted: () => void;
}

/** A modal confirmation: the native <dialog> keeps focus inside and closes on Escape. */
export function DeleteConsultationDialog({ id, summary, open, onClose, onDeleted }: DeleteConsultationDialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const mutation = useDeleteConsultation();
  const { reset } = mutation;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      reset();
      dialog.showModal();
    } else if (!open && dialog.open) dialog.close();
  }, [open, reset]);

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} aria-describedby={bodyId} onClose={onClose}>
      <h2 id={titleId}>{t('consultations.delete.title')}</h2>
      <p id={bodyId}>{t('consultations.delete.body', { summary })}</p>
      {mutation.isError ? <ErrorMessage error={mutation.error} /> : null}
      <div className="dialog-actions">
        {/* The safe choice comes first: showModal() gives it the initial focus. */}
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('consultations.delete.cancel')}
        </button>
        <button
          type="button"
          className="button button-danger"
          disabled={mutation.isPending}
          onClick={() => mutation.mutate(id, { onSuccess: onDeleted })}
        >
          {mutation.isPending ? t('consultations.delete.deleting') : t('consultations.delete.confirm')}
        </button>
      </div>
    </dialog>
  );
}
