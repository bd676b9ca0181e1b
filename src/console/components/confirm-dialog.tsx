/**
 * Asks before an act that cannot be undone (a denial, a refusal, a revocation): a modal `<dialog>`, so focus
 * moves into it, Escape cancels and the page behind is inert; the safe choice (cancel) has the focus.
 */
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n/index.ts';

let counter = 0;

export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  body: string;
  /** The confirming button's words: the act itself ("不予批准"), never a bare "OK". */
  confirm: string;
  onConfirm(): void;
  onCancel(): void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useRef(`confirm-${++counter}`).current;
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (props.open && !element.open) element.showModal();
    if (!props.open && element.open) element.close();
  }, [props.open]);
  return (
    <dialog
      ref={dialog}
      class="confirm-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(event) => {
        event.preventDefault();
        props.onCancel();
      }}
    >
      <h2 id={`${id}-title`}>{props.title}</h2>
      <p id={`${id}-body`}>{props.body}</p>
      <div class="actions">
        <button type="button" autofocus onClick={props.onCancel}>
          {t('confirm.cancel')}
        </button>
        <button type="button" class="danger" onClick={props.onConfirm}>
          {props.confirm}
        </button>
      </div>
    </dialog>
  );
}
