import { Dialog } from "../../../components/ui/dialog";

/**
 * A signing secret, shown once. Unlike an API key, Countersign keeps the secret itself (it must
 * sign with it), but never shows it again: rotate it to get a new one.
 */
export function WebhookSecretDialog({ secret, onClose }: { secret: string | null; onClose: () => void }) {
  return (
    <Dialog
      open={secret !== null}
      onOpenChange={(open) => !open && onClose()}
      title="Webhook signing secret"
      description="Shown once. Give it to the receiver: it verifies every delivery with it (Standard Webhooks). To get another, rotate the secret."
    >
      <div className="secret">
        <p className="secret-warning" role="note">
          <strong>Shown once.</strong> After you close this dialog nobody can see it again.
        </p>
        <label className="field-label" htmlFor="webhook-secret-value">
          Signing secret
        </label>
        <input id="webhook-secret-value" className="input mono" readOnly value={secret ?? ""} onFocus={(e) => e.currentTarget.select()} />
      </div>
    </Dialog>
  );
}
