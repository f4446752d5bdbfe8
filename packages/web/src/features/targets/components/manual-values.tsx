import { MANUAL_NOTE_MAX, ManualValueInput, type TargetMetric } from '@tsunagari/shared';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { Field } from '../../../components/field.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { formatDate, formatDateTime, tokyoDate } from '../../../lib/format.ts';
import { useAddManualValue } from '../api/add-manual-value.ts';
import { formatValue } from '../format.ts';
import { parseNumber } from './form-values.ts';
import { metricErrorMap, metricMessage } from './messages.ts';

type Errors = Partial<Record<'value' | 'asOf' | 'note', string>>;

/**
 * A hand-kept metric's history: every value entered, newest last, and a form to add the next.
 * Values are never edited; a correction is a newer value (the API keeps them all).
 */
export function ManualValues({ metric, onAdded }: { metric: TargetMetric; onAdded?: (saved: TargetMetric) => void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const add = useAddManualValue();
  const [values, setValues] = useState({ value: '', asOf: tokyoDate(), note: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [added, setAdded] = useState(false);
  if (metric.definition.kind !== 'manual') return null;
  const history = metric.definition.entries;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAdded(false);
    const body = {
      value: parseNumber(values.value),
      asOf: values.asOf,
      note: values.note.trim() === '' ? null : values.note,
    };
    const parsed = ManualValueInput.safeParse(body, { error: metricErrorMap });
    if (!parsed.success) {
      const next: Errors = {};
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0]) as keyof Errors;
        next[key] ??= metricMessage(t, issue.message);
      }
      setErrors(next);
      return;
    }
    setErrors({});
    try {
      const saved = await add.mutateAsync({ id: metric.id, value: parsed.data });
      onAdded?.(saved);
      setValues({ value: '', asOf: values.asOf, note: '' });
      setAdded(true);
    } catch (error) {
      if (error instanceof ApiError && error.problem?.errors?.length) {
        const next: Errors = {};
        for (const e of error.problem.errors) {
          const key = e.path.replace(/^body\./, '').split('.')[0] as keyof Errors;
          next[key] ??= metricMessage(t, e.message, true);
        }
        setErrors(next);
      }
    }
  };

  return (
    <section className="form-section" aria-labelledby="manual-values-title">
      <h2 id="manual-values-title">{t('targets.manual.title')}</h2>
      <p className="field-hint">{t('targets.manual.lead')}</p>
      {history.length === 0 ? (
        <p className="muted">{t('targets.manual.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="mini-table">
            <thead>
              <tr>
                <th scope="col">{t('targets.manual.asOf')}</th>
                <th scope="col" className="num">
                  {t('targets.manual.value')}
                </th>
                <th scope="col">{t('targets.manual.note')}</th>
                <th scope="col">{t('targets.manual.recorded')}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((v) => (
                <tr key={v.id}>
                  <th scope="row">{formatDate(v.asOf, lng)}</th>
                  <td className="num">{formatValue(t, v.value, metric.unit, lng)}</td>
                  <td>{v.note ?? ''}</td>
                  <td className="small muted">
                    {formatDateTime(v.createdAt, lng)}
                    {v.recordedBy ? ` ・ ${v.recordedBy}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="manual-add" noValidate onSubmit={(e) => void submit(e)}>
        <h3>{t('targets.manual.add')}</h3>
        {added ? (
          <div className="alert alert-success" role="status">
            <p>{t('targets.manual.added')}</p>
          </div>
        ) : null}
        {add.isError && !(add.error instanceof ApiError && add.error.problem?.errors?.length) ? (
          <ErrorMessage error={add.error} />
        ) : null}
        <div className="field-row field-row-three">
          <Field
            label={t('targets.manual.valueWithUnit', { unit: t(`targets.unitNames.${metric.unit}`) })}
            required
            requiredLabel={t('targets.form.required')}
            error={errors.value}
          >
            <input
              type="text"
              inputMode="decimal"
              autoComplete="off"
              value={values.value}
              onChange={(e) => setValues({ ...values, value: e.target.value })}
            />
          </Field>
          <Field
            label={t('targets.manual.asOf')}
            required
            requiredLabel={t('targets.form.required')}
            error={errors.asOf}
          >
            <input type="date" value={values.asOf} onChange={(e) => setValues({ ...values, asOf: e.target.value })} />
          </Field>
          <Field label={t('targets.manual.note')} hint={t('targets.manual.noteHint')} error={errors.note}>
            <input
              type="text"
              maxLength={MANUAL_NOTE_MAX}
              autoComplete="off"
              value={values.note}
              onChange={(e) => setValues({ ...values, note: e.target.value })}
            />
          </Field>
        </div>
        <button type="submit" className="button button-primary" disabled={add.isPending}>
          {add.isPending ? t('targets.manual.adding') : t('targets.manual.addButton')}
        </button>
      </form>
    </section>
  );
}
