import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../layout/page-title.tsx';
import { useSession } from '../layout/session.ts';

/**
 * The administration pages, for admins only. Anyone else who opens one by its address gets a
 * plain "no access" page, and the page's own requests are never sent (the API would answer 403).
 */
export function AdminOnly({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useSession();
  if (me.role === 'admin') return children;
  return (
    <>
      <PageTitle>{t('admin.noAccess.title')}</PageTitle>
      <div className="page-head">
        <h1>{t('admin.noAccess.title')}</h1>
      </div>
      <div className="notice-panel">
        <p className="notice-lead">{t('admin.noAccess.lead')}</p>
        <p>{t('admin.noAccess.body', { role: t(`app.role.${me.role}`) })}</p>
        <p>
          <Link to="/windows">{t('admin.noAccess.back')}</Link>
        </p>
      </div>
    </>
  );
}
