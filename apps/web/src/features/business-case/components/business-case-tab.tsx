import { useQuery } from "@tanstack/react-query";
import { Skeleton } from "../../../components/ui/skeleton";
import { StateMessage } from "../../../components/ui/state-message";
import { errorMessage } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";
import { BusinessCaseForm } from "./business-case-form";

/** The admin's "Business case" tab of one AI system: the saved case, and the measured review time for the preview. */
export function BusinessCaseTab({ systemId }: { systemId: string }) {
  const trpc = useTRPC();
  const systems = useQuery(trpc.systems.list.queryOptions());
  const cost = useQuery(trpc.metrics.cost.queryOptions({ systemId }));
  if (systems.isPending) return <Skeleton lines={6} label="Loading the business case…" />;
  if (systems.isError) {
    return (
      <StateMessage tone="error" title="The business case could not be loaded">
        {errorMessage(systems.error)}
      </StateMessage>
    );
  }
  const system = systems.data.find((s) => s.id === systemId);
  if (!system) return null;
  return (
    <BusinessCaseForm
      // A saved case re-seeds the form.
      key={JSON.stringify([system.businessCase, system.liveSince])}
      systemId={system.id}
      businessCase={system.businessCase}
      liveSince={system.liveSince}
      oversightMode={system.oversightMode}
      measuredSeconds={cost.data?.reviewCost.medianActiveSeconds ?? null}
    />
  );
}
