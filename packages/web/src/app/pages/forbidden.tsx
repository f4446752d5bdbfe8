import type { Role } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../layout/page-title.tsx';

export function Forbidden({ role }: { role: Role }) {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('forbidden.title')}</PageTitle>
      <div className="page-head">
        <h1>{t('forbidden.title')}</h1>
      </div>
      <p>{t('forbidden.body', { role: t(`app.role.${role}`) })}</p>
    </>
  );
}
