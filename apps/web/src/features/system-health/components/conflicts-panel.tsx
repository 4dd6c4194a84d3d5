import { useQuery } from "@tanstack/react-query";
import { StateMessage } from "../../../components/ui/state-message";
import { errorMessage } from "../../../lib/errors";
import { useTRPC, type RouterOutputs } from "../../../lib/trpc";

type Conflict = RouterOutputs["metrics"]["conflicts"][number];

/** Which two layers disagree, as a heading a meeting can start from. */
const between: Record<Conflict["code"], string> = {
  hitl_assumes_sampling: "Process and strategy: the oversight mode and the business case",
  hic_receives_escalations: "Process and architecture: the oversight mode and what the gateway sends",
  cost_above_manual: "Strategy and production: the cost per item and the manual process",
  received_exceeds_reported: "Architecture: the AI system's volume report and what its gateway escalates",
};

/** Layer conflicts, worded for a conversation rather than as verdicts. */
export function ConflictsPanel({ input }: { input: { systemId: string; granularity: "day" | "week" | "month"; from: string } }) {
  const trpc = useTRPC();
  const conflicts = useQuery(trpc.metrics.conflicts.queryOptions(input, { placeholderData: (prev) => prev }));
  if (conflicts.isError) {
    return (
      <StateMessage tone="error" title="Layer conflicts could not be checked">
        {errorMessage(conflicts.error)}
      </StateMessage>
    );
  }
  if (!conflicts.data) return null;
  if (conflicts.data.length === 0) {
    return (
      <p id="conflicts" className="muted">
        No layer conflicts in this window: the oversight mode, the business case and production agree.
      </p>
    );
  }
  return (
    <section id="conflicts" className="stack" aria-labelledby="conflicts-title">
      <div>
        <h2 id="conflicts-title" className="section-title">
          Layer conflicts — worth a conversation
        </h2>
        <p className="section-sub">Two layers of the operating model say different things about this system. Which one should change?</p>
      </div>
      <ul className="conflict-list">
        {conflicts.data.map((conflict) => (
          <li key={conflict.code} className="conflict">
            <p className="conflict-between">{between[conflict.code]}</p>
            <p>{conflict.message}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
