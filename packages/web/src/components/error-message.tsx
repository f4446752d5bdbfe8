import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api-client.ts';

/** What went wrong, in words a counter clerk can act on. */
export function useErrorText() {
  const { t } = useTranslation();
  return (error: unknown): string => {
    if (!(error instanceof ApiError)) return t('errors.server');
    if (error.status === 0) return t('errors.network');
    if (error.status === 403) return t('errors.forbidden');
    if (error.status === 404) return t('errors.notFound');
    if (error.status >= 500) return t('errors.server');
    return t('errors.generic', { code: error.code });
  };
}

interface ErrorMessageProps {
  error: unknown;
  /** Overrides the text chosen from the error. */
  message?: string | undefined;
  /** Said when a read finds no such record: a 404, or a 400 for an id that cannot be one. */
  notFound?: string;
  onRetry?: () => void;
}

export function ErrorMessage({ error, message, notFound, onRetry }: ErrorMessageProps) {
  const { t } = useTranslation();
  const text = useErrorText();
  const retriable = !(error instanceof ApiError) || error.status === 0 || error.status >= 500;
  const missing = error instanceof ApiError && (error.status === 404 || error.status === 400);
  return (
    <div className="alert alert-error" role="alert">
      <p>{message ?? (notFound && missing ? notFound : text(error))}</p>
      {onRetry && retriable ? (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {t('errors.retry')}
        </button>
      ) : null}
    </div>
  );
}
