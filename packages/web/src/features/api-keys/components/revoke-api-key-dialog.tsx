import type { ApiKey } from '@tsunagari/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { Modal } from '../../../components/modal.tsx';
import { useRevokeApiKey } from '../api/revoke-api-key.ts';

interface RevokeApiKeyDialogProps {
  apiKey: ApiKey | null;
  onClose: () => void;
  onRevoked: (key: ApiKey) => void;
}

/** A confirmation: revoking cannot be undone, and whatever uses the key stops working at once. */
export function RevokeApiKeyDialog({ apiKey, onClose, onRevoked }: RevokeApiKeyDialogProps) {
  const { t } = useTranslation();
  const bodyId = useId();
  const revoke = useRevokeApiKey();
  return (
    <Modal
      open={apiKey !== null}
      title={t('admin.apiKeys.revokeTitle', { name: apiKey?.name ?? '' })}
      describedBy={bodyId}
      onClose={() => {
        revoke.reset();
        onClose();
      }}
    >
      <div id={bodyId}>
        <p>{t('admin.apiKeys.revokeBody')}</p>
        <p className="muted">
          {t('admin.apiKeys.revokeKey')} <code>{apiKey?.prefix}…</code>
        </p>
      </div>
      {revoke.isError ? <ErrorMessage error={revoke.error} /> : null}
      <div className="dialog-actions">
        {/* The safe choice comes first: showModal() gives it the initial focus. */}
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('admin.cancel')}
        </button>
        <button
          type="button"
          className="button button-danger"
          disabled={revoke.isPending || !apiKey}
          onClick={() =>
            apiKey &&
            revoke.mutate(apiKey.id, {
              onSuccess: (revoked) => {
                revoke.reset();
                onRevoked(revoked);
              },
            })
          }
        >
          {revoke.isPending ? t('admin.apiKeys.revoking') : t('admin.apiKeys.revokeConfirm')}
        </button>
      </div>
    </Modal>
  );
}
