import { createSystemInputSchema, updateSystemInputSchema } from "@countersign/shared/admin";
import { oversightModes, type OversightMode } from "@countersign/shared/enums";
import { useState, type FormEvent } from "react";
import { Button } from "../../../components/ui/button";
import { FormField } from "../../../components/ui/form-field";
import { zodIssuesByPath } from "../../../lib/errors";
import { FormIssues } from "./form-issues";
import { oversightModeText } from "./oversight-mode";

/** traceLinkTemplate is edited on an existing system only ("" = no trace links). */
export type SystemFields = { slug: string; name: string; description: string; oversightMode: OversightMode; traceLinkTemplate?: string };

/** The trace link template as the server takes it: blank removes it. */
export const traceLinkTemplateOf = (fields: SystemFields) => (fields.traceLinkTemplate?.trim() ? fields.traceLinkTemplate.trim() : null);

type Props = {
  initial: SystemFields;
  /** Editing keeps the slug: AI systems and their API keys refer to it. */
  mode: "create" | "edit";
  serverIssues: Record<string, string>;
  formError: string | null;
  pending: boolean;
  submitLabel: string;
  onSubmit: (fields: SystemFields) => void;
};

/** Slug, name, description, oversight mode — validated with the same schema the server uses. */
export function SystemForm({ initial, mode, serverIssues, formError, pending, submitLabel, onSubmit }: Props) {
  const [fields, setFields] = useState(initial);
  const [issues, setIssues] = useState<Record<string, string>>({});
  const set = <K extends keyof SystemFields>(key: K, value: SystemFields[K]) => setFields((f) => ({ ...f, [key]: value }));
  const shown = { ...issues, ...serverIssues };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed =
      mode === "create"
        ? createSystemInputSchema.safeParse(fields)
        : updateSystemInputSchema.safeParse({
            systemId: "x",
            name: fields.name,
            description: fields.description,
            oversightMode: fields.oversightMode,
            traceLinkTemplate: traceLinkTemplateOf(fields),
          });
    if (!parsed.success) {
      setIssues(zodIssuesByPath(parsed.error.issues));
      return;
    }
    setIssues({});
    onSubmit(fields);
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      {mode === "create" ? (
        <FormField label="Slug" error={shown.slug} hint="2–63 lowercase letters, digits and dashes, e.g. refund-triage. It cannot be changed later.">
          <input className="input mono" value={fields.slug} onChange={(e) => set("slug", e.target.value)} autoComplete="off" />
        </FormField>
      ) : (
        <div className="field">
          <span className="field-label">Slug</span>
          <code className="readonly-value">{fields.slug}</code>
        </div>
      )}
      <FormField label="Name" error={shown.name}>
        <input className="input" value={fields.name} onChange={(e) => set("name", e.target.value)} autoComplete="off" />
      </FormField>
      <FormField label="Description" error={shown.description} hint="What the system does and who owns it (optional, up to 2000 characters).">
        <textarea className="textarea" rows={3} value={fields.description} onChange={(e) => set("description", e.target.value)} />
      </FormField>
      <fieldset className="field">
        <legend className="field-label">Oversight mode</legend>
        <div className="choice-list">
          {oversightModes.map((m) => (
            <label key={m} className="choice">
              <input type="radio" name="oversightMode" value={m} checked={fields.oversightMode === m} onChange={() => set("oversightMode", m)} />
              <span>{oversightModeText[m]}</span>
            </label>
          ))}
        </div>
        {shown.oversightMode ? <div className="field-error">{shown.oversightMode}</div> : null}
      </fieldset>
      {mode === "edit" ? (
        <FormField
          label="Trace link template"
          error={shown.traceLinkTemplate}
          hint="Where the AI system's traces open, from the W3C traceparent it sends: an https URL with {traceId} (and optionally {spanId}), e.g. https://tracing.example.com/trace/{traceId}. Leave blank for no links."
        >
          <input
            className="input mono"
            value={fields.traceLinkTemplate ?? ""}
            onChange={(e) => set("traceLinkTemplate", e.target.value)}
            autoComplete="off"
            placeholder="https://tracing.example.com/trace/{traceId}"
          />
        </FormField>
      ) : null}
      <FormIssues issues={shown} placed={(path) => (["slug", "name", "description", "oversightMode"].includes(path) && (mode === "create" || path !== "slug")) || (mode === "edit" && path === "traceLinkTemplate")} formError={formError} />
      <div className="form-actions">
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </Button>
      </div>
    </form>
  );
}
