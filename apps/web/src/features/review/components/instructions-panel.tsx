import { useState } from "react";
import { Collapsible } from "../../../components/ui/collapsible";
import { UntrustedText } from "../../../components/untrusted-text";
import type { RouterOutputs } from "../../../lib/trpc";

type Instructions = NonNullable<RouterOutputs["reviews"]["view"]["instructions"]>;

const parts: { field: keyof Pick<Instructions, "intendedPurpose" | "knownLimitations" | "oversightInstructions">; label: string }[] = [
  { field: "oversightInstructions", label: "How to oversee it" },
  { field: "knownLimitations", label: "Known limitations" },
  { field: "intendedPurpose", label: "Intended purpose" },
];

/**
 * The provider's instructions for use in force (EU AI Act Art. 13, 26(1)), collapsed by default so
 * the escalation stays first; the version shown is the one the verification will record. Every
 * text is the admin's entry, shown as text.
 */
export function InstructionsPanel({ instructions }: { instructions: Instructions | null }) {
  const [open, setOpen] = useState(false);
  if (!instructions) {
    return <p className="muted instructions-none">No instructions for use are recorded for this AI system; an admin records them.</p>;
  }
  return (
    <section className="instructions-panel" aria-label="Instructions for use">
      <Collapsible open={open} onOpenChange={setOpen} trigger={<span>Instructions for use</span>} aside={<span className="muted">version {instructions.version}</span>}>
        <dl className="instructions-list">
          {parts.map(({ field, label }) => (
            <div key={field}>
              <dt>{label}</dt>
              <dd className="prose">
                <UntrustedText text={instructions[field]} />
              </dd>
            </div>
          ))}
          <div>
            <dt>Provider</dt>
            <dd>
              <UntrustedText text={instructions.provider} /> · <UntrustedText text={instructions.providerContact} />
            </dd>
          </div>
        </dl>
      </Collapsible>
    </section>
  );
}
