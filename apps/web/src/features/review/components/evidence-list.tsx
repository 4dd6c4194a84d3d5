import { useMutation, useQueryClient } from "@tanstack/react-query";
import { memo, useDeferredValue, useState } from "react";
import { Badge } from "../../../components/ui/badge";
import { Collapsible } from "../../../components/ui/collapsible";
import { SafeLink } from "../../../components/payload-view";
import { errorMessage } from "../../../lib/errors";
import { useTRPC, type RouterOutputs } from "../../../lib/trpc";
import { UntrustedText } from "../../../components/untrusted-text";

type Evidence = RouterOutputs["reviews"]["view"]["evidence"][number];

/** Up to this many evidence items are drawn with the screen; more come in a render of their own. */
const drawnAtOnce = 10;

/**
 * Evidence as collapsible sections. Content arrives only when a section is opened: the
 * server records every opening, so "did the reviewer look?" is part of the record. Memoised: the
 * review screen re-renders every second for its clock, and fifty items need not follow it.
 */
export const EvidenceList = memo(function EvidenceList({ escalationId, evidence }: { escalationId: string; evidence: Evidence[] }) {
  // A long list is drawn just after the rest of the screen (a deferred render, which typing
  // interrupts), so the analysis form takes input before fifty sections are built.
  const drawn = useDeferredValue(evidence, evidence.length > drawnAtOnce ? null : evidence);
  if (evidence.length === 0) {
    return <p className="muted">The AI system sent no evidence with this escalation.</p>;
  }
  if (drawn === null) {
    return (
      <p className="muted" role="status">
        Evidence: opening {evidence.length} items…
      </p>
    );
  }
  return (
    <ol className="evidence-list">
      {drawn.map((item) => (
        <li key={item.index} data-evidence={item.index} data-opened={item.opened}>
          <EvidenceItem escalationId={escalationId} item={item} />
        </li>
      ))}
    </ol>
  );
});

function EvidenceItem({ escalationId, item }: { escalationId: string; item: Evidence }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const openEvidence = useMutation(
    trpc.reviews.openEvidence.mutationOptions({
      onSuccess: (opened) => {
        queryClient.setQueryData(trpc.reviews.view.queryKey({ escalationId }), (view) =>
          view
            ? {
                ...view,
                evidence: view.evidence.map((e) => (e.index === opened.index ? { ...e, opened: true, content: opened.content, url: opened.url } : e)),
              }
            : view,
        );
      },
    }),
  );

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (next && !item.opened && !openEvidence.isPending) openEvidence.mutate({ escalationId, evidenceIndex: item.index });
  };

  return (
    <Collapsible
      open={open}
      onOpenChange={onOpenChange}
      trigger={
        <span className="evidence-title">
          <span className="evidence-number">#{item.index + 1}</span> <UntrustedText text={item.title} />
        </span>
      }
      aside={item.opened ? <Badge tone="success">opened</Badge> : <Badge>not opened</Badge>}
    >
      {openEvidence.isPending ? (
        <p className="muted" role="status">
          Opening…
        </p>
      ) : openEvidence.isError ? (
        <p className="form-error" role="alert">
          {errorMessage(openEvidence.error)}
        </p>
      ) : item.opened ? (
        <div className="evidence-body">
          {item.url ? (
            <p className="evidence-url">
              Source: <SafeLink url={item.url} />
            </p>
          ) : null}
          {item.content !== null ? (
            <pre className="payload payload-text" tabIndex={0} aria-label={`Evidence ${item.index + 1} content`}>
              <UntrustedText text={item.content} />
            </pre>
          ) : (
            <p className="muted">This evidence has no text content{item.url ? "; see the source above" : ""}.</p>
          )}
        </div>
      ) : null}
    </Collapsible>
  );
}
