import { useTranslation } from 'react-i18next';

interface WindowBadgesProps {
  womenOnly: boolean;
  isNew: boolean;
  reservationRequired?: boolean;
}

export function WindowBadges({ womenOnly, isNew, reservationRequired }: WindowBadgesProps) {
  const { t } = useTranslation();
  if (!womenOnly && !isNew && !reservationRequired) return null;
  return (
    <span className="badges">
      {womenOnly ? <span className="badge badge-women">{t('badges.womenOnly')}</span> : null}
      {isNew ? <span className="badge badge-new">{t('badges.isNew')}</span> : null}
      {reservationRequired ? <span className="badge badge-muted">{t('badges.reservation')}</span> : null}
    </span>
  );
}

export function TagList({ items }: { items: string[] }) {
  return (
    <ul className="tags">
      {items.map((item) => (
        <li key={item} className="tag">
          {item}
        </li>
      ))}
    </ul>
  );
}
