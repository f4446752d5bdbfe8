import { useTranslation } from 'react-i18next';
import { setLanguage } from '../../i18n/index.ts';

/** Names the other language in that language, so a reader of it can find the switch. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const other = i18n.language === 'en' ? 'ja' : 'en';
  return (
    <button
      type="button"
      className="button button-quiet language-switch"
      lang={other}
      aria-label={t('app.languageSwitchLabel')}
      onClick={() => void setLanguage(other)}
    >
      {t('app.languageSwitch')}
    </button>
  );
}
