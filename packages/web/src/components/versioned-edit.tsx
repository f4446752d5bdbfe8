import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../lib/api-client.ts';
import { ErrorMessage } from './error-message.tsx';

/** Said above an edit form after a save that had nothing to send. */
export function NoChangesNotice({ show, message }: { show: boolean; message: string }) {
  if (!show) return null;
  return (
    <div className="alert alert-info" role="status">
      <p>{message}</p>
    </div>
  );
}

/** Someone else saved first: say so, and offer to start again from their version. */
export function StaleVersionAlert({ message, onReload }: { message: string; onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-warning" role="alert">
      <p>{message}</p>
      <button type="button" className="button button-secondary" onClick={onReload}>
        {t('windowForm.reload')}
      </button>
    </div>
  );
}

interface SaveFailureWords {
  /** The record changed since it was read. */
  stale: string;
  /** The record was deleted while the form was open. */
  gone: string;
  onReload: () => void;
}

/**
 * The words for a failed save of an edit sent with If-Match that no field can show: a stale
 * version (412; without an ETag the API answers 428, and the same words fit) or a deleted record
 * (404). Null for anything else, which the form words itself.
 */
export function describeSaveFailure(error: unknown, { stale, gone, onReload }: SaveFailureWords): ReactNode | null {
  if (isApiError(error, 412) || isApiError(error, 428))
    return <StaleVersionAlert message={stale} onReload={onReload} />;
  if (isApiError(error, 404)) return <ErrorMessage error={error} message={gone} />;
  return null;
}
