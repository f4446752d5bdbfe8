import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { useDeleteConsultationWindow } from '../api/delete-consultation-window.ts';

interface DeleteWindowDialogProps {
  id: string;
  name: string;
  etag: string | null;
  open: boolean;
  onClose: () => void;
  onDeleted: () => void;
}

/** A modal confirmation: the native <dialog> keeps focus inside and closes on Escape. */
export function DeleteWindowDialog({ id, name, etag, open, onClose, onDeleted }: DeleteWindowDialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const mutation = useDeleteConsultationWindow();
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
      <h2 id={titleId}>{t('deleteWindow.title')}</h2>
      <p id={bodyId}>{t('deleteWindow.body', { name })}</p>
      {mutation.isError ? (
        <ErrorMessage
          error={mutation.error}
          message={isApiError(mutation.error, 412) ? t('deleteWindow.stale') : undefined}
        />
      ) : null}
      <div className="dialog-actions">
        {/* The safe choice comes first: showModal() gives it the initial focus. */}
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('deleteWindow.cancel')}
        </button>
        <button
          type="button"
          className="button button-danger"
          disabled={mutation.isPending}
          onClick={() => mutation.mutate({ id, etag }, { onSuccess: onDeleted })}
        >
          {mutation.isPending ? t('deleteWindow.deleting') : t('deleteWindow.confirm')}
        </button>
      </div>
    </dialog>
  );
}
