import type { StockMovement } from '@tsunagari/shared';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { useCreateStockMovement } from '../api/create-stock-movement.ts';
import { newIdempotencyKey } from '../api/idempotency.ts';

interface ReverseMovementDialogProps {
  movement: StockMovement | null;
  describe: (m: StockMovement) => string;
  onClose: () => void;
  onDone: (m: StockMovement) => void;
}

/** 取消: the ledger keeps the mistake and adds the opposite movement, with a reason. */
export function ReverseMovementDialog({ movement, describe, onClose, onDone }: ReverseMovementDialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const [key, setKey] = useState('');
  const mutation = useCreateStockMovement();
  const { reset } = mutation;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (movement && !dialog.open) {
      reset();
      setReason('');
      setKey(newIdempotencyKey());
      dialog.showModal();
    } else if (!movement && dialog.open) dialog.close();
  }, [movement, reset]);

  const error = mutation.error;
  const message = isApiError(error, 409)
    ? error.code === 'out_of_stock'
      ? t('distribution.reverse.outOfStock', { n: (error.problem as { available?: number } | null)?.available ?? 0 })
      : t('distribution.reverse.already')
    : undefined;

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!movement || reason.trim() === '') return;
          mutation.mutate(
            { body: { kind: 'reversal', reversesId: movement.id, reason: reason.trim() }, idempotencyKey: key },
            { onSuccess: () => onDone(movement) },
          );
        }}
      >
        <h2 id={titleId}>{t('distribution.reverse.title')}</h2>
        {movement ? <p>{describe(movement)}</p> : null}
        <p className="field-hint">{t('distribution.reverse.body')}</p>
        <div className="field">
          <label htmlFor={reasonId} className="field-label">
            {t('distribution.reverse.reason')}
          </label>
          <input
            id={reasonId}
            type="text"
            required
            maxLength={500}
            value={reason}
            placeholder={t('distribution.reverse.reasonPlaceholder')}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        {mutation.isError ? <ErrorMessage error={error} message={message} /> : null}
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('distribution.reverse.cancel')}
          </button>
          <button type="submit" className="button button-danger" disabled={mutation.isPending || reason.trim() === ''}>
            {mutation.isPending ? t('distribution.reverse.working') : t('distribution.reverse.confirm')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
