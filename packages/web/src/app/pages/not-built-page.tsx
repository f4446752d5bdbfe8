import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../layout/page-title.tsx';
import type { UnbuiltPartKey } from '../parts.ts';

/** An honest placeholder: the menu shows the whole programme, this says the part is not there yet. */
export default function NotBuiltPage({ part }: { part: UnbuiltPartKey }) {
  const { t } = useTranslation();
  const name = t(`nav.${part}`);
  return (
    <>
      <PageTitle>{name}</PageTitle>
      <div className="page-head">
        <h1>{t('notBuilt.title', { part: name })}</h1>
      </div>
      <div className="notice-panel">
        <p className="notice-lead">{t('notBuilt.lead')}</p>
        <p>{t('notBuilt.body')}</p>
        <h2>{t('notBuilt.planned')}</h2>
        <p>{t(`notBuilt.parts.${part}`)}</p>
        <p>
          <Link to="/windows">{t('notBuilt.back')}</Link>
        </p>
      </div>
    </>
  );
}
