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

/** A secret shown exactly once, with a copy button and a warning that it will not be shown again. */
export function SecretDialog({ open, onOpenChange, title, secretLabel, secret, children }: Props) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
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
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) setCopied(null);
        onOpenChange(next);
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
          <Button variant="primary" onClick={() => void copy()}>
            {copied === "yes" ? "Copied" : "Copy"}
          </Button>
        </div>
        <p role="status" className="muted secret-status">
          {copied === "yes" ? "Copied to the clipboard." : copied === "failed" ? "The clipboard is not available here: the text is selected, press Ctrl+C (⌘C)." : ""}
        </p>
        {children}
      </div>
    </Dialog>
  );
}
