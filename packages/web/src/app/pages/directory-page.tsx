import type { Topic } from '@tsunagari/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { usePublicDirectory } from '../../features/directory/api/get-public-directory.ts';
import { PublicWindowCard } from '../../features/directory/components/public-window-card.tsx';
import { formatDateTime, tokyoDate } from '../../lib/format.ts';
import { LanguageSwitch } from '../layout/language-switch.tsx';
import { PageTitle } from '../layout/page-title.tsx';

// The topic list is spelled out rather than imported as a value from the shared schemas, which
// would pull zod into the public page; the type check below keeps it equal to the shared enum.
const TOPICS = [
  'women_general',
  'living_hardship',
  'single_parent',
  'pregnancy_childcare',
  'family',
  'mental_health',
  'legal_living',
  'domestic_violence',
  'employment',
  'health',
  'other',
] as const satisfies readonly Topic[];
const everyTopic: [Exclude<Topic, (typeof TOPICS)[number]>] extends [never] ? true : false = true;
void everyTopic;

const CARD = /^[A-Za-z0-9-]{1,32}$/;

/** The public directory: no sign-in, made for a phone, reached from the guidance card's QR code. */
export default function DirectoryPage() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const topicParam = params.get('topic') ?? '';
  const topic = (TOPICS as readonly string[]).includes(topicParam) ? topicParam : '';
  const cardParam = params.get('card') ?? '';
  const card = CARD.test(cardParam) ? cardParam : undefined;
  const query = usePublicDirectory({ topic: topic || undefined, card });

  const items = query.data ? [...query.data.items].sort((a, b) => Number(b.openNow) - Number(a.openNow)) : [];
  const openCount = items.filter((w) => w.openNow).length;
  const today = tokyoDate(query.data?.at ?? new Date());

  return (
    <div className="public-page">
      <PageTitle>{t('directory.title')}</PageTitle>
      <header className="public-header">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{t('app.name')}</span>
        </span>
        <LanguageSwitch />
      </header>
      <main id="main" className="public-main">
        <h1>{t('directory.title')}</h1>
        <p className="lead">{t('directory.lead')}</p>
        <div className="public-toolbar">
          <div className="field">
            <label htmlFor={`${id}-topic`} className="field-label">
              {t('directory.topic')}
            </label>
            <select
              id={`${id}-topic`}
              value={topic}
              onChange={(e) =>
                setParams(
                  (current) => {
                    const next = new URLSearchParams(current);
                    if (e.target.value) next.set('topic', e.target.value);
                    else next.delete('topic');
                    return next;
                  },
                  { replace: true },
                )
              }
            >
              <option value="">{t('directory.allTopics')}</option>
              {TOPICS.map((value) => (
                <option key={value} value={value}>
                  {t(`topics.${value}`)}
                </option>
              ))}
            </select>
          </div>
          {query.data ? (
            <p className="public-now" aria-live="polite">
              <span>{t('directory.now', { time: formatDateTime(query.data.at, i18n.language) })}</span>
              <strong className={openCount === 0 ? 'is-zero' : undefined}>
                {t('directory.openNowCount', { n: openCount })}
              </strong>
            </p>
          ) : null}
        </div>
        {query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <ErrorMessage error={query.error} message={t('directory.loadError')} onRetry={() => void query.refetch()} />
        ) : items.length === 0 ? (
          <p className="empty">{t('directory.empty')}</p>
        ) : (
          <ul className="public-list">
            {items.map((w) => (
              <li key={w.id}>
                <PublicWindowCard window={w} today={today} />
              </li>
            ))}
          </ul>
        )}
      </main>
      <footer className="public-footer">
        <p>{t('directory.footer')}</p>
        <p>
          <Link to="/sign-in">{t('directory.staffLink')}</Link>
        </p>
      </footer>
    </div>
  );
}
