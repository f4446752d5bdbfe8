import type { User } from '@tsunagari/shared';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { Modal } from '../../../components/modal.tsx';
import { UserStatusBadge } from './user-status-badge.tsx';

interface UserStatusSectionProps {
  user: User;
  self: boolean;
  onChange: (disabled: boolean) => Promise<void>;
  describeFailure: (error: unknown) => ReactNode | null;
}

/** Disabling (with a confirmation: it signs the user out at once) and enabling again. */
export function UserStatusSection({ user, self, onChange, describeFailure }: UserStatusSectionProps) {
  const { t } = useTranslation();
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const change = async (disabled: boolean) => {
    setFailure(null);
    setPending(true);
    try {
      await onChange(disabled);
      setConfirming(false);
    } catch (error) {
      setConfirming(false);
      setFailure(error);
    } finally {
      setPending(false);
    }
  };

  return (
    <section className="admin-form" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('admin.userForm.sections.status')}</h2>
      <p>
        <UserStatusBadge disabled={user.disabled} />{' '}
        {user.disabled ? t('admin.userForm.disabledLead') : t('admin.userForm.activeLead')}
      </p>
      {failure ? (describeFailure(failure) ?? <ErrorMessage error={failure} />) : null}
      {self ? (
        <p className="muted">{t('admin.userForm.selfDisable')}</p>
      ) : user.disabled ? (
        <button type="button" className="button button-secondary" disabled={pending} onClick={() => change(false)}>
          {pending ? t('admin.userForm.saving') : t('admin.userForm.enable')}
        </button>
      ) : (
        <button type="button" className="button button-danger-quiet" onClick={() => setConfirming(true)}>
          {t('admin.userForm.disable')}
        </button>
      )}
      <Modal
        open={confirming}
        title={t('admin.userForm.disableTitle', { name: user.displayName })}
        describedBy={`${id}-body`}
        onClose={() => setConfirming(false)}
      >
        <p id={`${id}-body`}>{t('admin.userForm.disableBody')}</p>
        <div className="dialog-actions">
          {/* The safe choice comes first: showModal() gives it the initial focus. */}
          <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
            {t('admin.cancel')}
          </button>
          <button type="button" className="button button-danger" disabled={pending} onClick={() => change(true)}>
            {pending ? t('admin.userForm.saving') : t('admin.userForm.disableConfirm')}
          </button>
        </div>
      </Modal>
    </section>
  );
}
