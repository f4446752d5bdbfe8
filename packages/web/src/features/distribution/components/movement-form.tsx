import {
  CreateAdjustment,
  CreateReceipt,
  CreateTransfer,
  type DistributionPoint,
  type Item,
  type ReceiptSource,
  ReceiptSources,
  type RecordedStockMovements,
} from '@tsunagari/shared';
import { useId, useRef, useState } from 'react';
import { type Path, type Resolver, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { Field, Options } from '../../../components/field.tsx';
import { FormActions, InvalidFieldsAlert } from '../../../components/form.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { payloadResolver } from '../../../lib/form.ts';
import { useCreateStockMovement } from '../api/create-stock-movement.ts';
import { usePointStock } from '../api/get-point-stock.ts';
import { newIdempotencyKey } from '../api/idempotency.ts';
import { fieldMessage } from './messages.ts';

export type MovementKind = 'receipt' | 'transfer' | 'adjustment';

export interface MovementFormValues {
  pointId: string;
  fromPointId: string;
  toPointId: string;
  itemId: string;
  quantity: number;
  countedLevel: number;
  source: ReceiptSource;
  note: string;
  reason: string;
  /** datetime-local, Japan time; '' for now. */
  occurredAt: string;
}

const SCHEMAS = { receipt: CreateReceipt, transfer: CreateTransfer, adjustment: CreateAdjustment } as const;

const number = (n: number) => (Number.isNaN(n) ? undefined : n);

/** The request body for `kind`; empty inputs left out, so the schema says "required" for them. */
export function movementPayload(kind: MovementKind, v: MovementFormValues): Record<string, unknown> {
  // A datetime-local value has no zone: every time in the programme is Japan time.
  const occurredAt = v.occurredAt
    ? `${v.occurredAt.length === 16 ? `${v.occurredAt}:00` : v.occurredAt}+09:00`
    : undefined;
  switch (kind) {
    case 'receipt':
      return {
        kind,
        pointId: v.pointId,
        itemId: v.itemId,
        quantity: number(v.quantity),
        source: v.source,
        note: v.note.trim() || null,
        occurredAt,
      };
    case 'transfer':
      return {
        kind,
        fromPointId: v.fromPointId,
        toPointId: v.toPointId,
        itemId: v.itemId,
        quantity: number(v.quantity),
        note: v.note.trim() || null,
        occurredAt,
      };
    case 'adjustment':
      return {
        kind,
        pointId: v.pointId,
        itemId: v.itemId,
        countedLevel: number(v.countedLevel),
        reason: v.reason,
        occurredAt,
      };
  }
}

function movementResolver(kind: MovementKind): Resolver<MovementFormValues> {
  const inner = payloadResolver<MovementFormValues, unknown>(SCHEMAS[kind], (values) => movementPayload(kind, values));
  return async (values, context, options) => {
    const result = await inner(values, context, options);
    // The parsed body is not the form's shape; the page rebuilds it from the values.
    return Object.keys(result.errors).length > 0
      ? { values: {}, errors: result.errors as never }
      : { values, errors: {} };
  };
}

interface MovementFormProps {
  kind: MovementKind;
  points: DistributionPoint[];
  items: Item[];
  defaultValues: MovementFormValues;
  onDone: (recorded: RecordedStockMovements) => void;
  cancelTo: string;
}

export function MovementForm({ kind, points, items, defaultValues, onDone, cancelTo }: MovementFormProps) {
  const { t } = useTranslation();
  const id = useId();
  // One key until the movement is recorded: pressing again after a lost answer cannot write twice.
  const key = useRef(newIdempotencyKey());
  const [failure, setFailure] = useState<unknown>(null);
  const mutation = useCreateStockMovement();
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, submitCount },
  } = useForm<MovementFormValues>({ defaultValues, resolver: movementResolver(kind) });
  const msg = (e: { message?: string | undefined; type?: unknown } | undefined) => fieldMessage(t, e);
  const pointId = useWatch({ control, name: kind === 'transfer' ? 'fromPointId' : 'pointId' });
  const itemId = useWatch({ control, name: 'itemId' });
  const counted = useWatch({ control, name: 'countedLevel' });
  const stock = usePointStock(pointId ? pointId : null);
  const current = stock.data?.items.find((i) => i.itemId === itemId);
  const unit = items.find((i) => i.id === itemId)?.unit ?? '';

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      const recorded = await mutation.mutateAsync({
        body: movementPayload(kind, values) as never,
        idempotencyKey: key.current,
      });
      key.current = newIdempotencyKey();
      onDone(recorded);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'out_of_stock') {
        setError(
          'quantity',
          { type: 'server', message: 'distribution.movement.outOfStockField' },
          { shouldFocus: true },
        );
        setFailure(error);
        return;
      }
      if (error instanceof ApiError && error.problem?.errors?.length && error.status !== 403) {
        let placed = false;
        for (const { path, message } of error.problem.errors) {
          const field = path.replace(/^body\.?/, '');
          if (field in defaultValues) {
            setError(field as Path<MovementFormValues>, { type: 'server', message }, { shouldFocus: !placed });
            placed = true;
          }
        }
        if (placed) return;
      }
      setFailure(error);
    }
  });

  const req = t('windowForm.required');
  const pointOptions = (
    <Options
      placeholder={t('distribution.movement.pointPlaceholder')}
      choices={points.map((p) => ({ value: p.id, label: p.name }))}
    />
  );

  return (
    <form className="window-form movement-form" noValidate onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="visually-hidden">
        {t(`distribution.movement.kinds.${kind}`)}
      </h2>
      <p className="lead">{t(`distribution.movement.leads.${kind}`)}</p>
      <InvalidFieldsAlert count={submitCount > 0 ? Object.keys(errors).length : 0} />
      {failure ? (
        <ErrorMessage
          error={failure}
          message={
            failure instanceof ApiError && failure.code === 'idempotency_key_reused'
              ? t('distribution.movement.maybeRecorded')
              : failure instanceof ApiError && failure.code === 'out_of_stock'
                ? t('distribution.movement.outOfStock', {
                    n: (failure.problem as { available?: number } | null)?.available ?? 0,
                    unit,
                  })
                : undefined
          }
        />
      ) : null}
      <section className="form-section">
        {kind === 'transfer' ? (
          <div className="field-row">
            <Field label={t('distribution.movement.from')} required requiredLabel={req} error={msg(errors.fromPointId)}>
              <select required {...register('fromPointId')}>
                {pointOptions}
              </select>
            </Field>
            <Field label={t('distribution.movement.to')} required requiredLabel={req} error={msg(errors.toPointId)}>
              <select required {...register('toPointId')}>
                {pointOptions}
              </select>
            </Field>
          </div>
        ) : (
          <Field label={t('distribution.movement.point')} required requiredLabel={req} error={msg(errors.pointId)}>
            <select required {...register('pointId')}>
              {pointOptions}
            </select>
          </Field>
        )}
        <Field label={t('distribution.movement.item')} required requiredLabel={req} error={msg(errors.itemId)}>
          <select required {...register('itemId')}>
            <Options
              placeholder={t('distribution.movement.itemPlaceholder')}
              choices={items.map((i) => ({ value: i.id, label: i.name }))}
            />
          </select>
        </Field>
        {current ? (
          <p className="current-level" role="status">
            {t(kind === 'transfer' ? 'distribution.movement.currentAtFrom' : 'distribution.movement.current', {
              n: current.level,
              unit: current.unit,
            })}
          </p>
        ) : null}
        {kind === 'adjustment' ? (
          <>
            <Field
              label={t('distribution.movement.countedLevel')}
              hint={t('distribution.movement.countedHint')}
              required
              requiredLabel={req}
              error={msg(errors.countedLevel)}
              className="field-narrow"
            >
              <input
                type="number"
                inputMode="numeric"
                min={0}
                step={1}
                required
                {...register('countedLevel', { valueAsNumber: true })}
              />
            </Field>
            {current && !Number.isNaN(counted) ? (
              <p className="current-level">
                {t('distribution.movement.difference', {
                  n: counted - current.level > 0 ? `+${counted - current.level}` : String(counted - current.level),
                  unit: current.unit,
                })}
              </p>
            ) : null}
            <Field
              label={t('distribution.movement.reason')}
              hint={t('distribution.movement.reasonHint')}
              required
              requiredLabel={req}
              error={msg(errors.reason)}
            >
              <input type="text" required maxLength={500} {...register('reason')} />
            </Field>
          </>
        ) : (
          <Field
            label={t('distribution.movement.quantity')}
            required
            requiredLabel={req}
            error={msg(errors.quantity)}
            className="field-narrow"
          >
            <input
              type="number"
              inputMode="numeric"
              min={1}
              step={1}
              required
              {...register('quantity', { valueAsNumber: true })}
            />
          </Field>
        )}
        {kind === 'receipt' ? (
          <Field label={t('distribution.movement.source')} required requiredLabel={req} error={msg(errors.source)}>
            <select required {...register('source')}>
              <Options choices={ReceiptSources.map((s) => ({ value: s, label: t(`distribution.sources.${s}`) }))} />
            </select>
          </Field>
        ) : null}
        {kind !== 'adjustment' ? (
          <Field
            label={t('distribution.movement.note')}
            hint={kind === 'receipt' ? t('distribution.movement.noteHint') : undefined}
            error={msg(errors.note)}
          >
            <input type="text" maxLength={500} {...register('note')} />
          </Field>
        ) : null}
        <Field
          label={t('distribution.movement.occurredAt')}
          hint={t('distribution.movement.occurredAtHint')}
          error={msg(errors.occurredAt)}
          className="field-narrow"
        >
          <input type="datetime-local" {...register('occurredAt')} />
        </Field>
      </section>
      <FormActions
        submitting={isSubmitting}
        label={t(`distribution.movement.submit.${kind}`)}
        busyLabel={t('distribution.movement.recording')}
        cancelTo={cancelTo}
        cancelLabel={t('windowForm.cancel')}
      />
    </form>
  );
}
