import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../layout/page-title.tsx';

export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('notFound.title')}</PageTitle>
      <div className="page-head">
        <h1>{t('notFound.title')}</h1>
      </div>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to="/">{t('notFound.back')}</Link>
      </p>
    </>
  );
}
