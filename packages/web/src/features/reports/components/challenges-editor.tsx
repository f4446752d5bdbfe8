import { CHALLENGES_MAX } from '@tsunagari/shared';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { Loading } from '../../../components/loading.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { getChallenges, useChallenges, useSaveChallenges, type VersionedChallenges } from '../api/challenges.ts';

interface Conflict {
  /** What the other person saved meanwhile, with its ETag. */
  latest: VersionedChallenges;
}

/**
 * 今後の課題, kept per fiscal year. Staff edit it in place; the save carries the ETag the edit
 * started from, so when someone else saved in between nothing is overwritten unseen: both texts
 * are shown and the writer chooses. Keyed by the year where it is used: another year starts afresh.
 */
export function ChallengesEditor({ fiscalYear, editable }: { fiscalYear: number; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const query = useChallenges(fiscalYear);
  const save = useSaveChallenges();
  const [editing, setEditing] = useState<{ base: VersionedChallenges; text: string } | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [saved, setSaved] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  // Opening the editor puts the cursor in it; leaving it returns to the button that opened it.
  const isEditing = editing !== null;
  useEffect(() => {
    if (isEditing) textarea.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      editButton.current?.focus();
    }
  }, [isEditing]);

  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const current = query.data.challenges;

  const submit = async (text: string, etag: string) => {
    setFieldError(null);
    try {
      await save.mutateAsync({ fiscalYear, etag, text });
      setConflict(null);
      setSaved(true);
      returnFocus.current = true;
      setEditing(null);
    } catch (error) {
      if (isApiError(error, 412) || isApiError(error, 428)) {
        const latest = await getChallenges(fiscalYear).catch(() => null);
        if (latest) setConflict({ latest });
        return;
      }
      if (isApiError(error, 400)) {
        setFieldError(
          text.length > CHALLENGES_MAX
            ? t('reports.challenges.tooLong', { n: CHALLENGES_MAX })
            : t('reports.challenges.invalid'),
        );
        return;
      }
      throw error;
    }
  };

  const meta = current.updatedAt ? (
    <p className="rr-challenges-meta no-print">
      {t('reports.challenges.updated', {
        when: formatDateTime(current.updatedAt, i18n.language),
        who: current.updatedBy ?? '—',
      })}
    </p>
  ) : null;

  const text = current.text ? (
    <div className="rr-challenges-text">{current.text}</div>
  ) : (
    <p className="muted rr-challenges-empty">{t('reports.challenges.empty')}</p>
  );

  if (!editing) {
    return (
      <div className="rr-challenges">
        {saved ? (
          <div className="alert alert-success no-print" role="status">
            <p>{t('reports.challenges.saved')}</p>
          </div>
        ) : null}
        {text}
        {meta}
        {editable ? (
          <button
            ref={editButton}
            type="button"
            className="button button-secondary no-print"
            onClick={() => {
              setSaved(false);
              setConflict(null);
              setEditing({ base: query.data, text: current.text });
            }}
          >
            {t('reports.challenges.edit')}
          </button>
        ) : null}
      </div>
    );
  }

  const length = editing.text.length;
  const over = length > CHALLENGES_MAX;
  return (
    <div className="rr-challenges">
      {/* The saved text is what prints while an edit is open. */}
      <div className="print-only">{text}</div>
      <form
        className="rr-challenges-form no-print"
        onSubmit={(e) => {
          e.preventDefault();
          if (over) {
            setFieldError(t('reports.challenges.tooLong', { n: CHALLENGES_MAX }));
            return;
          }
          void submit(editing.text, editing.base.etag).catch(() => {});
        }}
      >
        {conflict ? (
          <div className="alert alert-warning" role="alert">
            <p>
              <strong>{t('reports.challenges.conflictTitle')}</strong>
            </p>
            <p>
              {t('reports.challenges.conflictBody', {
                who: conflict.latest.challenges.updatedBy ?? '—',
                when: conflict.latest.challenges.updatedAt
                  ? formatDateTime(conflict.latest.challenges.updatedAt, i18n.language)
                  : '—',
              })}
            </p>
            <p className="field-label">{t('reports.challenges.theirText')}</p>
            <div className="rr-challenges-text rr-conflict-text">
              {conflict.latest.challenges.text || t('reports.challenges.empty')}
            </div>
            <div className="form-actions-inline">
              <button
                type="button"
                className="button button-primary"
                disabled={save.isPending}
                onClick={() => void submit(editing.text, conflict.latest.etag).catch(() => {})}
              >
                {t('reports.challenges.overwrite')}
              </button>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => {
                  setEditing({ base: conflict.latest, text: conflict.latest.challenges.text });
                  setConflict(null);
                  void query.refetch();
                }}
              >
                {t('reports.challenges.takeTheirs')}
              </button>
            </div>
          </div>
        ) : null}
        {save.isError && !conflict && !fieldError ? <ErrorMessage error={save.error} /> : null}
        <div className={`field${fieldError ? ' field-invalid' : ''}`}>
          <label htmlFor={id} className="field-label">
            {t('reports.challenges.label')}
          </label>
          <p id={`${id}-hint`} className="field-hint">
            {t('reports.challenges.hint')}
          </p>
          <textarea
            ref={textarea}
            id={id}
            rows={8}
            value={editing.text}
            aria-describedby={`${id}-hint ${id}-count${fieldError ? ` ${id}-error` : ''}`}
            aria-invalid={fieldError || over ? true : undefined}
            onChange={(e) => setEditing({ ...editing, text: e.target.value })}
          />
          <p id={`${id}-count`} className={`field-hint char-count${over ? ' is-over' : ''}`}>
            {t('reports.challenges.count', { n: length, max: CHALLENGES_MAX })}
          </p>
          {fieldError ? (
            <p id={`${id}-error`} className="field-error">
              {fieldError}
            </p>
          ) : null}
        </div>
        <div className="form-actions-inline">
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {save.isPending ? t('reports.challenges.saving') : t('reports.challenges.save')}
          </button>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => {
              returnFocus.current = true;
              setConflict(null);
              setFieldError(null);
              setEditing(null);
            }}
          >
            {t('reports.challenges.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
