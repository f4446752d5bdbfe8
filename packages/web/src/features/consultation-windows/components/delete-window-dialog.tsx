import { useTranslation } from 'react-i18next';
import { DeleteDialog } from '../../../components/delete-dialog.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { useDeleteConsultationWindow } from '../api/delete-consultation-window.ts';

interface DeleteWindowDialogProps {
  id: string;
  name: string;
  etag: string | null;
  open: boolean;
  onClose: () => void;
  onDeleted: () => void;
}

export function DeleteWindowDialog({ id, name, etag, open, onClose, onDeleted }: DeleteWindowDialogProps) {
  const { t } = useTranslation();
  const mutation = useDeleteConsultationWindow();
  return (
    <DeleteDialog
      open={open}
      title={t('deleteWindow.title')}
      body={t('deleteWindow.body', { name })}
      mutation={mutation}
      errorMessage={(error) => (isApiError(error, 412) ? t('deleteWindow.stale') : undefined)}
      onConfirm={() => mutation.mutate({ id, etag }, { onSuccess: onDeleted })}
      onClose={onClose}
    />
  );
}
