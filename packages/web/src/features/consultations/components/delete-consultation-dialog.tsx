import { useTranslation } from 'react-i18next';
import { DeleteDialog } from '../../../components/delete-dialog.tsx';
import { useDeleteConsultation } from '../api/delete-consultation.ts';

interface DeleteConsultationDialogProps {
  id: string;
  /** "2022年3月29日(火) 16:32 女性相談室": which record, in words. */
  summary: string;
  open: boolean;
  onClose: () => void;
  onDeleted: () => void;
}

export function DeleteConsultationDialog({ id, summary, open, onClose, onDeleted }: DeleteConsultationDialogProps) {
  const { t } = useTranslation();
  const mutation = useDeleteConsultation();
  return (
    <DeleteDialog
      open={open}
      title={t('consultations.delete.title')}
      body={t('consultations.delete.body', { summary })}
      mutation={mutation}
      onConfirm={() => mutation.mutate(id, { onSuccess: onDeleted })}
      onClose={onClose}
    />
  );
}
