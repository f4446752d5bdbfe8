import type { TrainingImportResult } from '@tsunagari/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { useImportRegistrations } from '../api/import-registrations.ts';
import { trainingMessage } from './messages.ts';
import { Modal } from './modal.tsx';

interface ImportDialogProps {
  eventId: string;
  open: boolean;
  onClose: () => void;
  onImported: (result: TrainingImportResult) => void;
}

const ENCODINGS: Record<TrainingImportResult['encoding'], string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16',
  cp932: 'Shift_JIS',
};

/** "line 4: ふりがな" → 4 and "ふりがな"; the API names every bad row that way. */
function splitPath(path: string): { line: number | null; column: string } {
  const match = /^line (\d+|\?)(?::\s*(.*))?$/.exec(path);
  if (!match) return { line: null, column: path };
  return { line: match[1] === '?' ? null : Number(match[1]), column: match[2] ?? '' };
}

/**
 * Pick a file, see what it would do (a dry run: rows, seats, waitlist, or every bad row by line),
 * then import it. The file is all or nothing: one bad row and nothing is imported.
 */
export function ImportDialog({ eventId, open, onClose, onImported }: ImportDialogProps) {
  const { t } = useTranslation();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const check = useImportRegistrations();
  const run = useImportRegistrations();

  const reset = () => {
    setFile(null);
    check.reset();
    run.reset();
  };
  const close = () => {
    reset();
    onClose();
  };

  const dry = check.data;
  const invalid = isApiError(check.error, 422) && check.error.problem?.errors ? check.error.problem.errors : null;

  return (
    <Modal open={open} title={t('training.import.title')} onClose={close} className="dialog-wide">
      <p>{t('training.import.lead')}</p>
      <details className="disclosure">
        <summary>{t('training.import.formatTitle')}</summary>
        <p className="small">{t('training.import.formatBody')}</p>
      </details>
      <div className="field">
        <label htmlFor={`${id}-file`} className="field-label">
          {t('training.import.file')}
        </label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,.txt,text/csv"
          onChange={(e) => {
            const chosen = e.target.files?.[0] ?? null;
            run.reset();
            setFile(chosen);
            if (chosen) check.mutate({ eventId, file: chosen, dryRun: true });
            else check.reset();
          }}
        />
      </div>
      <div aria-live="polite">
        {check.isPending ? <p className="muted">{t('training.import.checking')}</p> : null}
        {dry && !run.data ? (
          <div className="alert alert-info">
            <p>
              <strong>{t('training.import.ready', { n: dry.rows })}</strong>
            </p>
            <p>
              {t('training.import.readyDetail', {
                confirmed: dry.confirmed,
                waitlisted: dry.waitlisted,
                encoding: ENCODINGS[dry.encoding],
              })}
            </p>
          </div>
        ) : null}
        {invalid ? (
          <div className="alert alert-error import-errors">
            <p>
              <strong>{t('training.import.invalid', { n: invalid.length })}</strong>
            </p>
            <ul>
              {invalid.map((e, i) => {
                const { line, column } = splitPath(e.path);
                // The same line may have several problems; the position keeps them apart.
                return (
                  <li key={`${i}-${e.path}`}>
                    <span className="import-line">
                      {line === null ? column : t('training.import.line', { line, column })}
                    </span>
                    {trainingMessage(t, e.message, true)}
                  </li>
                );
              })}
            </ul>
          </div>
        ) : check.isError ? (
          <ErrorMessage
            error={check.error}
            message={isApiError(check.error, 413) ? t('training.import.tooLarge') : undefined}
          />
        ) : null}
        {run.isError ? <ErrorMessage error={run.error} /> : null}
      </div>
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={close}>
          {t('training.import.close')}
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={!file || !dry || run.isPending}
          onClick={() => {
            if (!file) return;
            run.mutate(
              { eventId, file, dryRun: false },
              {
                onSuccess: (result) => {
                  reset();
                  onImported(result);
                },
              },
            );
          }}
        >
          {run.isPending
            ? t('training.import.importing')
            : dry
              ? t('training.import.import', { n: dry.rows })
              : t('training.import.importNone')}
        </button>
      </div>
    </Modal>
  );
}
