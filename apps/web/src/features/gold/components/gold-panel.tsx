import { formatPercent } from "@countersign/shared/format";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Collapsible } from "../../../components/ui/collapsible";
import { StateMessage } from "../../../components/ui/state-message";
import { useTRPC } from "../../../lib/trpc";
import { GoldItemForm } from "./gold-item-form";
import { GoldList } from "./gold-list";
import { GoldUpload } from "./gold-upload";

/** Gold items of one AI system: what they are, the list, and two ways to add them. */
export function GoldPanel({ systemId }: { systemId: string }) {
  const trpc = useTRPC();
  const systems = useQuery(trpc.systems.list.queryOptions(undefined, { staleTime: 60_000 }));
  const goldRate = systems.data?.find((s) => s.id === systemId)?.policy.goldRate;
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);

  return (
    <div className="stack gold-panel">
      <p className="gold-intro">
        Gold items are escalations whose correct outcome you already know — typically a known-wrong AI output — mixed into the queue to measure whether
        reviewers catch errors; reviewers cannot tell them apart from real escalations, and they are never reported back to the AI system.
      </p>
      {goldRate === 0 ? (
        <StateMessage tone="info" title="Gold items are not being served">
          This system&apos;s gold rate is 0. Set the share of claims that serve a gold item in the Review policy tab.
        </StateMessage>
      ) : goldRate !== undefined ? (
        <p className="muted">
          Gold copies arrive so that about {formatPercent(goldRate)} of what reviewers claim is gold, each taking its place in the queue like any
          escalation (the Review policy tab sets this rate).
        </p>
      ) : null}
      <GoldList systemId={systemId} />
      <Collapsible open={adding} onOpenChange={setAdding} trigger="Add a gold item">
        <GoldItemForm systemId={systemId} />
      </Collapsible>
      <Collapsible open={importing} onOpenChange={setImporting} trigger="Import gold items from a JSONL file">
        <GoldUpload systemId={systemId} />
      </Collapsible>
    </div>
  );
}
