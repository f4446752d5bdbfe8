import type { TrainingCancellation, TrainingRegistration } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { useCancelRegistration } from '../api/cancel-registration.ts';
import { Modal } from './modal.tsx';

interface CancelRegistrationDialogProps {
  registration: TrainingRegistration | null;
  onClose: () => void;
  /** With the cancelled registration and `promoted`: who took the seat, as the API says. */
  onCancelled: (result: TrainingCancellation) => void;
}

/** Asks before cancelling: a confirmed seat goes to the first waiting, which cannot be undone here. */
export function CancelRegistrationDialog({ registration, onClose, onCancelled }: CancelRegistrationDialogProps) {
  const { t } = useTranslation();
  const mutation = useCancelRegistration();
  const r = registration;
  return (
    <Modal
      open={r !== null}
      title={t('training.cancel.title')}
      onClose={() => {
        mutation.reset();
        onClose();
      }}
    >
      {r ? (
        <>
          <p>{t('training.cancel.body', { name: r.name, mode: t(`training.mode.${r.mode}`) })}</p>
          {r.status === 'confirmed' ? <p className="muted">{t('training.cancel.promotionNote')}</p> : null}
          {mutation.isError ? (
            <ErrorMessage
              error={mutation.error}
              message={
                isApiError(mutation.error, 409) && mutation.error.code === 'checked_in'
                  ? t('training.cancel.checkedIn')
                  : undefined
              }
            />
          ) : null}
          <div className="dialog-actions">
            <button type="button" className="button button-secondary" onClick={onClose}>
              {t('training.cancel.keep')}
            </button>
            <button
              type="button"
              className="button button-danger"
              disabled={mutation.isPending}
              onClick={() =>
                mutation.mutate(r, {
                  onSuccess: (result) => {
                    mutation.reset();
                    onCancelled(result);
                  },
                })
              }
            >
              {mutation.isPending ? t('training.cancel.cancelling') : t('training.cancel.confirm')}
            </button>
          </div>
        </>
      ) : null}
    </Modal>
  );
}
