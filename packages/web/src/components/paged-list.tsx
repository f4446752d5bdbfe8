import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The part of an infinite query (a list read page by page) that "show more" needs. */
interface PagedQuery {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/** "Show more" under a list read page by page; nothing on the last page. */
export function LoadMore({ query }: { query: PagedQuery }) {
  const { t } = useTranslation();
  if (!query.hasNextPage) return null;
  return (
    <p className="load-more">
      <button
        type="button"
        className="button button-secondary"
        disabled={query.isFetchingNextPage}
        onClick={() => void query.fetchNextPage()}
      >
        {query.isFetchingNextPage ? t('list.loadingMore') : t('list.loadMore')}
      </button>
    </p>
  );
}

interface PagedResultsProps {
  /** The id of the count heading, which names the section. */
  id: string;
  query: PagedQuery & { isPlaceholderData: boolean };
  /** How many are shown, e.g. "12 windows"; read out when it changes. */
  count: string;
  /** Said instead of the list when nothing matches; null when there is a list. */
  empty: string | null;
  /** The list itself. */
  children: ReactNode;
}

/** The result of a filtered list: its count, the list (or why it is empty) and "show more". */
export function PagedResults({ id, query, count, empty, children }: PagedResultsProps) {
  return (
    <section aria-labelledby={id} className={query.isPlaceholderData ? 'is-stale' : undefined}>
      <h2 id={id} className="result-count" aria-live="polite">
        {count}
      </h2>
      {empty === null ? children : <p className="empty">{empty}</p>}
      <LoadMore query={query} />
    </section>
  );
}
