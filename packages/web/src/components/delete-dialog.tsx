import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from './error-message.tsx';

interface DeleteDialogProps {
  open: boolean;
  title: string;
  /** What will be deleted, in words. */
  body: string;
  /** The delete mutation: reset whenever the dialog opens, its error said inside the dialog. */
  mutation: { isPending: boolean; isError: boolean; error: unknown; reset: () => void };
  /** Words for the error where the general ones do not fit (a 409, a 412…). */
  errorMessage?: (error: unknown) => string | undefined;
  onConfirm: () => void;
  onClose: () => void;
}

/** A modal confirmation before deleting: the native <dialog> keeps focus inside and closes on Escape. */
export function DeleteDialog({ open, title, body, mutation, errorMessage, onConfirm, onClose }: DeleteDialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
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
      <h2 id={titleId}>{title}</h2>
      <p id={bodyId}>{body}</p>
      {mutation.isError ? <ErrorMessage error={mutation.error} message={errorMessage?.(mutation.error)} /> : null}
      <div className="dialog-actions">
        {/* The safe choice comes first: showModal() gives it the initial focus. */}
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('deleteWindow.cancel')}
        </button>
        <button type="button" className="button button-danger" disabled={mutation.isPending} onClick={onConfirm}>
          {mutation.isPending ? t('deleteWindow.deleting') : t('deleteWindow.confirm')}
        </button>
      </div>
    </dialog>
  );
}
