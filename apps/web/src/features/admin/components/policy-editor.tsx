import { formatDuration } from "@countersign/shared/format";
import { dwellCeilingSeconds, settableReviewPolicySchema, type ReviewPolicy } from "@countersign/shared/policy";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "../../../components/ui/button";
import { FormField } from "../../../components/ui/form-field";
import { useToast } from "../../../components/ui/toast";
import { errorMessage, issuesByPath, zodIssuesByPath } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";
import { FormIssues } from "./form-issues";
import { ChecklistEditor, type DraftItem } from "./checklist-editor";
import { fromOversightRuleDraft, OversightRuleFields, toOversightRuleDraft, type OversightRuleDraft } from "./oversight-rule-fields";
import { fromPreventionDraft, PreventionFields, toPreventionDraft, type PreventionDraft } from "./prevention-fields";

type Draft = {
  checklist: DraftItem[];
  minRationaleChars: string;
  minDwellSeconds: string;
  leaseMinutes: string;
  maxLeaseMinutes: string;
  prevention: PreventionDraft;
  oversight: OversightRuleDraft;
};

const toDraft = (policy: ReviewPolicy): Draft => ({
  checklist: policy.checklist.map((item) => ({ ...item, saved: true, idTouched: true })),
  minRationaleChars: String(policy.minRationaleChars),
  minDwellSeconds: String(policy.minDwellSeconds),
  leaseMinutes: String(policy.leaseMinutes),
  maxLeaseMinutes: String(policy.maxLeaseMinutes),
  prevention: toPreventionDraft(policy),
  oversight: toOversightRuleDraft(policy),
});

// The paths a field of this form shows under itself; anything else is said in the summary.
const placedInPolicyForm = (path: string) =>
  /^checklist\.\d+\.(text|id)$/.test(path) ||
  /^dwellPriorityFactor\.(low|normal|high|urgent)$/.test(path) ||
  [
    "minRationaleChars",
    "minDwellSeconds",
    "leaseMinutes",
    "maxLeaseMinutes",
    "dwellSecondsPer1000Chars",
    "attentionCheckRate",
    "goldRate",
    "maxRationaleSimilarity",
    "requiredVerifications",
    "retentionMonths",
  ].includes(path);

const toNumber = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

/** The review policy: checklist items, minimum rationale, minimum dwell, lease length, prevention, two-person rule and retention. */
export function PolicyEditor({ systemId, policy }: { systemId: string; policy: ReviewPolicy }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [draft, setDraft] = useState(() => toDraft(policy));
  const [issues, setIssues] = useState<Record<string, string>>({});
  const save = useMutation(
    trpc.systems.setPolicy.mutationOptions({
      onSuccess: async () => {
        setDraft((d) => ({ ...d, checklist: d.checklist.map((item) => ({ ...item, saved: true, idTouched: true })) }));
        await queryClient.invalidateQueries(trpc.systems.list.pathFilter());
        toast("Review policy saved; it applies to the next claim", "success");
      },
    }),
  );
  // Server issues come as "policy.checklist.0.text"; the form speaks "checklist.0.text".
  const serverIssues = Object.fromEntries(
    Object.entries(save.isError ? issuesByPath(save.error) : {}).map(([path, message]) => [path.replace(/^policy\./, ""), message]),
  );
  const shown = { ...issues, ...serverIssues };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Fields this form does not edit are kept as they are.
    const candidate = {
      ...policy,
      checklist: draft.checklist.map(({ id, text }) => ({ id, text })),
      minRationaleChars: toNumber(draft.minRationaleChars),
      minDwellSeconds: toNumber(draft.minDwellSeconds),
      leaseMinutes: toNumber(draft.leaseMinutes),
      maxLeaseMinutes: toNumber(draft.maxLeaseMinutes),
      ...fromPreventionDraft(draft.prevention),
      ...fromOversightRuleDraft(draft.oversight),
    };
    const parsed = settableReviewPolicySchema.safeParse(candidate);
    if (!parsed.success) {
      setIssues(zodIssuesByPath(parsed.error.issues));
      return;
    }
    setIssues({});
    save.mutate({ systemId, policy: parsed.data });
  };

  const numberField = (key: "minRationaleChars" | "minDwellSeconds" | "leaseMinutes" | "maxLeaseMinutes", label: string, unit: string, hint: string) => (
    <FormField label={label} error={shown[key]} hint={hint} suffix={unit} className="field-number">
      <input className="input num" inputMode="numeric" value={draft[key]} onChange={(e) => setDraft((d) => ({ ...d, [key]: e.target.value }))} />
    </FormField>
  );

  return (
    <form className="form policy-form" onSubmit={submit} noValidate>
      <ChecklistEditor
        items={draft.checklist}
        onChange={(checklist) => setDraft((d) => ({ ...d, checklist }))}
        issues={shown}
      />
      <div className="number-fields">
        {numberField("minRationaleChars", "Minimum rationale (characters)", "chars", "A whole number from 1 to 5000.")}
        {numberField("minDwellSeconds", "Minimum time before approval (seconds)", "s", "Active review: counted only while the review screen is visible and focused; 0 to 3600. Reject and Escalate are not held back.")}
        {numberField("leaseMinutes", "Lease (minutes)", "min", "How long a claim lasts without activity before the item returns to the queue; 1 to 480.")}
        {numberField("maxLeaseMinutes", "Longest lease (minutes)", "min", "While the reviewer is active the lease keeps extending, up to this long after the claim; at least the lease, at most 480.")}
      </div>
      <DwellLimit leaseMinutes={toNumber(draft.leaseMinutes)} maxLeaseMinutes={toNumber(draft.maxLeaseMinutes)} />
      <PreventionFields draft={draft.prevention} onChange={(prevention) => setDraft((d) => ({ ...d, prevention }))} issues={shown} />
      <OversightRuleFields draft={draft.oversight} onChange={(oversight) => setDraft((d) => ({ ...d, oversight }))} issues={shown} />
      <FormIssues issues={shown} placed={placedInPolicyForm} formError={save.isError ? errorMessage(save.error) : null} />
      <div className="form-actions">
        <Button type="submit" variant="primary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save policy"}
        </Button>
        <Button onClick={() => { setDraft(toDraft(policy)); setIssues({}); save.reset(); }}>Discard changes</Button>
      </div>
    </form>
  );
}

/** The rule that keeps every dwell within reach: said where the numbers that decide it are edited. */
function DwellLimit({ leaseMinutes, maxLeaseMinutes }: { leaseMinutes: number; maxLeaseMinutes: number }) {
  if (!Number.isFinite(leaseMinutes) || !Number.isFinite(maxLeaseMinutes)) return null;
  const ceiling = dwellCeilingSeconds({ leaseMinutes, maxLeaseMinutes });
  return (
    <p className="field-hint" role="note">
      No item can ask for more dwell than its longest lease can give: with a longest lease of {formatDuration(Math.max(leaseMinutes, maxLeaseMinutes) * 60)}, at most{" "}
      {formatDuration(ceiling)} of active review. A long or urgent item whose scaled dwell would exceed that is capped at {formatDuration(ceiling)}
      (the reviewer is told), and a minimum dwell that at the highest priority factor would exceed it is refused.
    </p>
  );
}
