import { useTranslation } from 'react-i18next';

/** Active or disabled, in words and not by colour alone. */
export function UserStatusBadge({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  return disabled ? (
    <span className="badge badge-disabled">{t('admin.users.statusDisabled')}</span>
  ) : (
    <span className="badge badge-active">{t('admin.users.statusActive')}</span>
  );
}
