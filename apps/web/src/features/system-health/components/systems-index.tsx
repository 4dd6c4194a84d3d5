import { Skeleton } from "../../../components/ui/skeleton";
import { StateMessage } from "../../../components/ui/state-message";
import { Table, Th } from "../../../components/ui/table";
import { errorMessage } from "../../../lib/errors";
import { useSystems } from "../hooks/use-systems";
import { SystemIndexRow } from "./system-index-row";

/** Every AI system at a glance: is it running, and does production still match its business case? */
export function SystemsIndex() {
  const systems = useSystems();
  return (
    <section aria-labelledby="systems-index-title" className="stack">
      <div className="page-head">
        <div>
          <h1 id="systems-index-title" className="page-title">
            Systems
          </h1>
          <p className="page-sub">
            Each AI system's stop state, and its verification rate over the last 30 days held against its business case. Open a system for
            the trend, the cost and the rows behind each figure.
          </p>
        </div>
      </div>
      {systems.isPending ? (
        <Skeleton lines={5} label="Loading AI systems…" />
      ) : systems.isError ? (
        <StateMessage tone="error" title="AI systems could not be loaded">
          {errorMessage(systems.error)}
        </StateMessage>
      ) : systems.data.length === 0 ? (
        <StateMessage title="No AI systems yet">An admin registers AI systems under AI systems; they appear here with their figures.</StateMessage>
      ) : (
        <Table aria-label="AI systems and their figures">
          <thead>
            <tr>
              <Th>System</Th>
              <Th>State</Th>
              <Th>Mode</Th>
              <Th num>Assumed rate</Th>
              <Th num>Measured rate, 30 days</Th>
              <Th num>In the queue</Th>
              <Th>Drift</Th>
              <Th>Layer conflicts</Th>
              <Th>Next readiness review</Th>
            </tr>
          </thead>
          <tbody>
            {systems.data.map((system) => (
              <SystemIndexRow key={system.id} system={system} />
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
