import { AlertDialog } from "radix-ui";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { Button } from "./button";

type ReasonDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  description: ReactNode;
  confirmLabel: string;
  /** Called with the trimmed reason once it meets `minLength`. */
  onConfirm: (reason: string) => void;
  minLength: number;
  reasonLabel?: string;
  pending?: boolean;
  /** The server's refusal, e.g. the reason field's issue. */
  error?: string | null;
};

/**
 * A confirmation for a destructive action that must say why: the reason is required and its rule is
 * named inline. Cancel takes the initial focus; Escape closes it (Radix).
 */
export function ReasonDialog({ open, onOpenChange, title, description, confirmLabel, onConfirm, minLength, reasonLabel = "Reason", pending, error }: ReasonDialogProps) {
  const id = useId();
  const [reason, setReason] = useState("");
  const [issue, setIssue] = useState<string | null>(null);
  const shownError = issue ?? error ?? null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = reason.trim();
    if (trimmed.length < minLength) {
      setIssue(`The reason must be at least ${minLength} characters; it has ${trimmed.length}.`);
      return;
    }
    setIssue(null);
    onConfirm(trimmed);
  };
  const change = (next: boolean) => {
    if (!next) {
      setReason("");
      setIssue(null);
    }
    onOpenChange(next);
  };
  return (
    <AlertDialog.Root open={open} onOpenChange={change}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog" asChild>
          <form onSubmit={submit} noValidate>
            <AlertDialog.Title className="dialog-title">{title}</AlertDialog.Title>
            <AlertDialog.Description className="dialog-description">{description}</AlertDialog.Description>
            <div className="field">
              <label className="field-label" htmlFor={`${id}-reason`}>
                {reasonLabel}
              </label>
              <textarea
                id={`${id}-reason`}
                className="textarea"
                rows={3}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                aria-invalid={shownError ? true : undefined}
                aria-describedby={`${id}-hint${shownError ? ` ${id}-error` : ""}`}
              />
              <div className="field-hint" id={`${id}-hint`}>
                Required, at least {minLength} characters. It is kept in the record.
              </div>
              {shownError ? (
                <div className="field-error" id={`${id}-error`} role="alert">
                  {shownError}
                </div>
              ) : null}
            </div>
            <div className="dialog-footer">
              <AlertDialog.Cancel asChild>
                <Button>Cancel</Button>
              </AlertDialog.Cancel>
              <Button type="submit" variant="danger" disabled={pending}>
                {pending ? "Working…" : confirmLabel}
              </Button>
            </div>
          </form>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
