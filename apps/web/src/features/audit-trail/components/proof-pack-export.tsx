import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useSearchParams } from "react-router";
import { Button } from "../../../components/ui/button";
import { FormField } from "../../../components/ui/form-field";
import { StateMessage } from "../../../components/ui/state-message";
import { errorMessage } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";
import { useProofPackDownload } from "../hooks/use-proof-pack-download";
import { formatBytes } from "@countersign/shared/format";
import { defaultPeriod, periodRange, type PeriodIssues } from "../utils/period";

/** The auditor's export: one AI system, one period, one self-verifying zip. */
export function ProofPackExport() {
  const trpc = useTRPC();
  const systems = useQuery(trpc.systems.list.queryOptions(undefined, { staleTime: 60_000 }));
  const [system, setSystem] = useState("");
  // Opened from an item (/audit?q=…) or a system (/audit?system=…): the pack is for that system unless
  // the auditor picks another. The trail query is the one the search above runs, read from its cache.
  const [params] = useSearchParams();
  const query = params.get("q")?.trim() ?? "";
  const trail = useQuery(trpc.audit.trail.queryOptions({ query }, { enabled: query.length > 0, retry: false }));
  const viewed = trail.data?.matches.length === 1 ? trail.data.matches[0]?.escalation.system.slug : undefined;
  const fromUrl = params.get("system") ?? viewed;
  const known = (slug: string | undefined) => (slug && systems.data?.some((s) => s.slug === slug) ? slug : undefined);
  const [period, setPeriod] = useState(defaultPeriod);
  const [issues, setIssues] = useState<PeriodIssues & { system?: string }>({});
  const { state, download, reset } = useProofPackDownload();
  const chosen = system || known(fromUrl) || systems.data?.[0]?.slug || "";
  const server = state.phase === "failed" ? state.issues : {};

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const range = periodRange(period.from, period.to);
    const next: PeriodIssues & { system?: string } = range.ok ? {} : { ...range.issues };
    if (!chosen) next.system = "Choose the AI system the pack is for.";
    setIssues(next);
    if (!range.ok || !chosen) {
      reset();
      return;
    }
    void download({ system: chosen, from: range.from, to: range.to });
  };

  return (
    <section className="card audit-card" aria-labelledby="proof-pack-title">
      <h2 id="proof-pack-title" className="card-title">
        Proof pack
      </h2>
      <p className="muted">
        Every escalation of one AI system in a period: what was received and shown, who verified what, when, why and after how long, their
        qualifications, the audit-log segment with its signed checkpoints, a readable report and a signed manifest — in one zip. The export is
        itself written to the audit log.
      </p>
      {systems.isError ? (
        <StateMessage tone="error" title="AI systems could not be loaded">
          {errorMessage(systems.error)}
        </StateMessage>
      ) : null}
      <form className="pack-form" onSubmit={submit} noValidate>
        <FormField label="AI system" error={issues.system ?? server.system}>
          <select className="select" value={chosen} onChange={(e) => setSystem(e.target.value)} disabled={!systems.data}>
            {systems.data?.length ? null : <option value="">{systems.isPending ? "Loading…" : "No AI systems"}</option>}
            {systems.data?.map((s) => (
              <option key={s.id} value={s.slug}>
                {s.name} ({s.slug})
              </option>
            ))}
          </select>
        </FormField>
        <FormField label="From" error={issues.from ?? server.from} hint="First day, from midnight">
          <input className="input" type="date" value={period.from} max={period.to} onChange={(e) => setPeriod((p) => ({ ...p, from: e.target.value }))} />
        </FormField>
        <FormField label="To" error={issues.to ?? server.to} hint="Last day, included">
          <input className="input" type="date" value={period.to} min={period.from} onChange={(e) => setPeriod((p) => ({ ...p, to: e.target.value }))} />
        </FormField>
        <Button type="submit" variant="primary" disabled={state.phase === "preparing"}>
          {state.phase === "preparing" ? "Preparing…" : "Export proof pack"}
        </Button>
      </form>
      <p role="status" className="pack-status">
        {state.phase === "preparing"
          ? `Preparing the proof pack… ${state.bytes ? `${formatBytes(state.bytes)} received` : "the server is collecting the record"}`
          : state.phase === "done"
            ? `Downloaded ${state.filename} (${formatBytes(state.bytes)}).`
            : ""}
      </p>
      {state.phase === "failed" ? (
        <p className="form-error" role="alert">
          The proof pack could not be exported: {state.message}
        </p>
      ) : null}
      <p className="pack-verify">
        To verify a pack offline, with no server or database: <code>pnpm countersign verify-pack &lt;file&gt; --public-key &lt;file&gt;</code>, using
        the public key below saved as a file and obtained independently of the pack.
      </p>
    </section>
  );
}
