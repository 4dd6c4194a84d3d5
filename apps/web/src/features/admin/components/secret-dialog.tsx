import { useRef, useState, type ReactNode } from "react";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";

type Props = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  secretLabel: string;
  secret: string;
  children?: ReactNode;
};

/**
 * A secret shown exactly once, with a copy button and a warning that it will not be shown again.
 * Closing it (Close, Escape, a click outside) first asks whether the secret was kept: a stray
 * Escape must not cost an admin a key they then have to revoke and issue again.
 */
export function SecretDialog({ open, onOpenChange, title, secretLabel, secret, children }: Props) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const [asking, setAsking] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied("yes");
    } catch {
      inputRef.current?.select();
      setCopied("failed");
    }
  };
  const close = () => {
    setCopied(null);
    setAsking(false);
    onOpenChange(false);
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (next) onOpenChange(true);
        else setAsking(true);
      }}
      title={title}
      description="This will not be shown again. Copy it now and keep it somewhere safe; Countersign stores only a hash of it."
    >
      <div className="secret">
        <p className="secret-warning" role="note">
          <strong>Shown once.</strong> After you close this dialog nobody, not even an admin, can see it again.
        </p>
        <label className="field-label" htmlFor="secret-value">
          {secretLabel}
        </label>
        <div className="secret-row">
          <input id="secret-value" ref={inputRef} className="input mono" readOnly value={secret} onFocus={(e) => e.currentTarget.select()} />
          <Button variant={asking ? "secondary" : "primary"} onClick={() => void copy()}>
            {copied === "yes" ? "Copied" : "Copy"}
          </Button>
        </div>
        <p role="status" className="muted secret-status">
          {copied === "yes" ? "Copied to the clipboard." : copied === "failed" ? "The clipboard is not available here: the text is selected, press Ctrl+C (⌘C)." : ""}
        </p>
        {children}
        {asking ? (
          <div className="secret-confirm" role="alertdialog" aria-labelledby="secret-confirm-title">
            <p id="secret-confirm-title">
              <strong>{copied === "yes" ? "Close now?" : "You have not copied it."}</strong> Once closed, the {secretLabel.toLowerCase()} cannot be shown again.
            </p>
            <div className="form-actions">
              <Button variant="primary" onClick={close} autoFocus>
                I have kept it, close
              </Button>
              <Button onClick={() => setAsking(false)}>Keep it open</Button>
            </div>
          </div>
        ) : null}
      </div>
    </Dialog>
  );
}
