import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { opener } from '../focus.js';

interface Props {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  /** Where focus goes on closing when what opened the dialog has gone meanwhile (default: nowhere new). */
  returnTo?: () => HTMLElement | null;
}

/** A modal <dialog>: focus moves in, Escape closes, focus returns to what opened it (UX4). */
export function Dialog({ title, onClose, children, returnTo }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  // Read while rendering the first time, before the dialog takes focus.
  const [from] = useState(opener);
  useEffect(() => {
    const dialog = ref.current;
    dialog?.showModal?.();
    return () => {
      // Close before focusing: while a modal is open the page behind it is inert and refuses focus.
      if (dialog?.open) dialog.close();
      (from?.isConnected ? from : returnTo?.())?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby="dialog-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id="dialog-title">{title}</h2>
      {children}
    </dialog>
  );
}
