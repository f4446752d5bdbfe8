import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { RequireAuth } from '../../features/auth/components/require-auth.tsx';
import { useCardWindows } from '../../features/distribution/api/get-card-windows.ts';
import { useDistributionPoint } from '../../features/distribution/api/get-distribution-point.ts';
import { type CardSize, GuidanceCard } from '../../features/distribution/components/guidance-card.tsx';
import { pointPhase } from '../../features/distribution/components/point-status.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { formatDate, tokyoDate } from '../../lib/format.ts';
import { PageTitle } from '../layout/page-title.tsx';

/** Cards per A4 sheet: A6 2×2 edge to edge; business cards 2×5, the common 10-up sheet. */
const PER_SHEET: Record<CardSize, number> = { a6: 4, business: 10 };

function CardSheet({ pointId }: { pointId: string }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const point = useDistributionPoint(pointId);
  const [size, setSize] = useState<CardSize>('a6');
  const today = tokyoDate();
  // Cards are printed for the point's hand-out period: before it starts, or to reprint for a
  // period that has ended, the windows of its first day; while it runs, today's.
  const defaultDate = point.data
    ? pointPhase(point.data.point, today) === 'active'
      ? today
      : point.data.point.validFrom
    : today;
  const [chosenDate, setChosenDate] = useState<string | null>(null);
  const date = chosenDate ?? defaultDate;
  const windows = useCardWindows(date);

  const shell = (body: ReactNode, name?: string) => (
    <div className="card-page">
      <PageTitle>{name ? t('distribution.card.pageTitle', { name }) : t('distribution.card.title')}</PageTitle>
      {body}
    </div>
  );

  if (point.isPending) return shell(<Loading />);
  if (point.isError) {
    const missing = isApiError(point.error, 404) || isApiError(point.error, 400);
    return shell(
      <main className="card-toolbar" id="main">
        <p className="back-link">
          <Link to="/points">← {t('distribution.back')}</Link>
        </p>
        <ErrorMessage
          error={point.error}
          message={missing ? t('distribution.notFound') : undefined}
          onRetry={() => void point.refetch()}
        />
      </main>,
    );
  }

  const p = point.data.point;
  const directoryUrl = `${window.location.origin}/directory?card=${encodeURIComponent(p.cardCode)}`;
  const list = windows.data ?? [];

  return shell(
    <>
      <main className="card-toolbar" id="main">
        <p className="back-link">
          <Link to={`/points/${p.id}`}>← {p.name}</Link>
        </p>
        <div className="page-head">
          <div>
            <h1>{t('distribution.card.pageTitle', { name: p.name })}</h1>
            <p className="lead">{t('distribution.card.lead', { code: p.cardCode })}</p>
          </div>
          <div className="page-actions">
            <button
              type="button"
              className="button button-primary"
              disabled={!windows.data || list.length === 0}
              onClick={() => window.print()}
            >
              {t('distribution.card.print')}
            </button>
          </div>
        </div>
        <div className="filters card-options">
          <fieldset className="field card-size">
            <legend className="field-label">{t('distribution.card.size')}</legend>
            {(['a6', 'business'] as const).map((s) => (
              <label key={s} className="check">
                <input type="radio" name={`${id}-size`} value={s} checked={size === s} onChange={() => setSize(s)} />
                {t(`distribution.card.sizes.${s}`, { n: PER_SHEET[s] })}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-date`} className="field-label">
              {t('distribution.card.date')}
            </label>
            <input
              id={`${id}-date`}
              type="date"
              value={date}
              aria-describedby={`${id}-date-hint`}
              onChange={(e) => {
                if (/^\d{4}-\d{2}-\d{2}$/.test(e.target.value)) setChosenDate(e.target.value);
              }}
            />
            <p id={`${id}-date-hint`} className="field-hint">
              {t('distribution.card.dateHint', { date: formatDate(date, i18n.language) })}
            </p>
          </div>
        </div>
        <p className="muted small">
          {t('distribution.card.qrTarget')} <code data-testid="card-url">{directoryUrl}</code>
        </p>
        {windows.isError ? <ErrorMessage error={windows.error} onRetry={() => void windows.refetch()} /> : null}
        {windows.data && list.length === 0 ? <p className="empty">{t('distribution.card.noWindows')}</p> : null}
        <h2 className="visually-hidden">{t('distribution.card.preview')}</h2>
      </main>
      {windows.isPending ? (
        <Loading />
      ) : list.length > 0 ? (
        <div className="card-preview">
          <section className={`card-sheet card-sheet-${size}`} aria-label={t('distribution.card.preview')}>
            {Array.from({ length: PER_SHEET[size] }, (_, i) => (
              <GuidanceCard
                key={i}
                size={size}
                windows={list}
                directoryUrl={directoryUrl}
                cardCode={p.cardCode}
                copy={i > 0}
              />
            ))}
          </section>
        </div>
      ) : null}
    </>,
    p.name,
  );
}

/** The printable guidance cards of one point: outside the app shell, so the sheet prints alone. */
export default function CardPage() {
  const { id = '' } = useParams();
  return <RequireAuth>{() => <CardSheet pointId={id} />}</RequireAuth>;
}
