import type { TrainingEvent } from '@tsunagari/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { eventWhen, fiscalYearLabel } from './format.ts';

/** The public registration link as invitees open it. */
export const publicRegistrationUrl = (token: string) => `${window.location.origin}/t/${encodeURIComponent(token)}`;

function CopyLink({ url }: { url: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <span className="copy-link">
      <a href={url} target="_blank" rel="noreferrer" className="break-all">
        {url}
      </a>
      <button
        type="button"
        className="button button-secondary button-small"
        onClick={() =>
          void navigator.clipboard?.writeText(url).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {t('training.detail.copyLink')}
      </button>
      <span role="status" className="small">
        {copied ? t('training.detail.copied') : ''}
      </span>
    </span>
  );
}

export function EventFacts({ event: e }: { event: TrainingEvent }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const none = <span className="muted">{t('training.detail.none')}</span>;
  return (
    <dl className="facts">
      <dt>{t('training.detail.when')}</dt>
      <dd>{eventWhen(e.startsAt, e.endsAt, lng, t('punctuation.range'))}</dd>
      <dt>{t('training.detail.fiscalYear')}</dt>
      <dd>{fiscalYearLabel(e.fiscalYear, lng)}</dd>
      <dt>{t('training.detail.venue')}</dt>
      <dd>
        {e.venueName ?? none}
        {e.venueAddress ? <span className="row-sub">{e.venueAddress}</span> : null}
      </dd>
      <dt>{t('training.detail.lecturer')}</dt>
      <dd>{e.lecturer ?? none}</dd>
      <dt>{t('training.detail.audiences')}</dt>
      <dd>
        {e.intendedAudiences.length === 0 ? (
          none
        ) : (
          <ul className="tags">
            {e.intendedAudiences.map((a) => (
              <li key={a} className="tag">
                {t(`training.affiliation.${a}`)}
              </li>
            ))}
          </ul>
        )}
      </dd>
      {e.onlineCapacity > 0 ? (
        <>
          <dt>{t('training.detail.onlineJoin')}</dt>
          <dd className="prewrap">{e.onlineJoinDetails ?? none}</dd>
        </>
      ) : null}
      <dt>{t('training.detail.publicLink')}</dt>
      <dd>
        {e.publicRegistrationToken ? (
          <CopyLink url={publicRegistrationUrl(e.publicRegistrationToken)} />
        ) : (
          <span className="muted">{t('training.detail.noPublicLink')}</span>
        )}
      </dd>
      <dt>{t('training.detail.description')}</dt>
      <dd className="prewrap">{e.description ?? none}</dd>
    </dl>
  );
}
