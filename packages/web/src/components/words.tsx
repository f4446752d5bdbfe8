import { useTranslation } from 'react-i18next';

/** Labels that wrap between one another before they wrap inside ("窓口（来所）" stays whole). */
export function Words({ items }: { items: string[] }) {
  const { t } = useTranslation();
  const sep = t('punctuation.list');
  return items.map((item, i) => (
    <span key={item} className="word">
      {item}
      {i < items.length - 1 ? sep : null}
    </span>
  ));
}
