import { type ReactNode, useEffect, useId, useRef } from 'react';

interface ModalProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Tied to the dialog as its description (what the choice means). */
  describedBy?: string | undefined;
  className?: string | undefined;
}

/**
 * A native modal <dialog>: it keeps focus inside, closes on Escape and gives focus back to what
 * opened it. The content is only mounted while open, so a closed dialog keeps no state (a key's
 * secret, say) around.
 */
export function Modal({ open, title, onClose, children, describedBy, className }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    else if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={`dialog${className ? ` ${className}` : ''}`}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      onClose={onClose}
    >
      <h2 id={titleId}>{title}</h2>
      {open ? children : null}
    </dialog>
  );
}
