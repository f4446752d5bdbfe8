import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ja, type Translation } from './ja.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Translation };
  }
}

export const languages = ['ja', 'en'] as const;
export type Language = (typeof languages)[number];

const STORAGE_KEY = 'tsunagari.lang';

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    if (value === 'en' || value === 'ja') return value;
  } catch {}
  // Japanese is the programme's language; English only when someone asks for it.
  return 'ja';
}

// Japanese ships with the first load; English is fetched when someone asks for it, which keeps
// every page's initial JavaScript a whole language lighter.
async function load(lng: Language) {
  if (lng === 'ja' || i18n.hasResourceBundle(lng, 'translation')) return;
  const { en } = await import('./en.ts');
  i18n.addResourceBundle('en', 'translation', en);
}

// Screen readers pick their voice from <html lang>, so it must follow the language shown.
i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

/** Sets i18next up in the stored language; resolves once its texts are there. */
export async function initI18n(): Promise<void> {
  const lng = storedLanguage();
  await i18n.use(initReactI18next).init({
    resources: { ja: { translation: ja } },
    lng: 'ja',
    fallbackLng: 'ja',
    supportedLngs: languages,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  if (lng !== 'ja') await setLanguage(lng, false);
  document.documentElement.lang = i18n.language;
}

export async function setLanguage(lng: Language, remember = true) {
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, lng);
    } catch {}
  }
  try {
    await load(lng);
  } catch {
    // Offline or a failed chunk: stay in the language that is there.
    return;
  }
  await i18n.changeLanguage(lng);
}

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'ja';
}

export default i18n;
