import { hasPermission } from "@countersign/shared/permissions";
import { Link } from "react-router";
import { Badge } from "../../../components/ui/badge";
import { Skeleton } from "../../../components/ui/skeleton";
import { StateMessage } from "../../../components/ui/state-message";
import { useCurrentUser } from "../../../hooks/use-current-user";
import { errorMessage } from "../../../lib/errors";
import { useMetricsWindow } from "../hooks/use-metrics-window";
import { useSystems } from "../hooks/use-systems";
import { BreakdownsPanel } from "./breakdowns-panel";
import { ConflictsPanel } from "./conflicts-panel";
import { DriftPanel } from "./drift-panel";
import { HaltedBanner } from "./halted-banner";
import { ReadinessDue } from "./readiness-due";
import { StopControls } from "./stop-controls";
import { StopSeen } from "./stop-seen";
import { TrendPanel } from "./trend-panel";
import { WindowPicker } from "./window-picker";

/**
 * One AI system under oversight: its stop state and the stop button, the drift alert, layer
 * conflicts, then the business case against production over a time range, and what drives it.
 */
export function SystemOversight({ systemId }: { systemId: string }) {
  const { data: user } = useCurrentUser();
  const systems = useSystems();
  const window = useMetricsWindow(systemId);

  if (systems.isPending) return <Skeleton lines={6} label="Loading the AI system…" />;
  if (systems.isError) {
    return (
      <StateMessage tone="error" title="The AI system could not be loaded">
        {errorMessage(systems.error)}
      </StateMessage>
    );
  }
  const system = systems.data.find((s) => s.id === systemId);
  if (!system) {
    return (
      <StateMessage tone="error" title="There is no AI system with this id" action={<Link to="/systems">All systems</Link>}>
        It may have been mistyped, or the system was removed.
      </StateMessage>
    );
  }
  const canConfigure = hasPermission(user, "configureSystems");

  return (
    <section className="oversight" aria-labelledby="oversight-title">
      <div className="page-head">
        <div>
          <p className="breadcrumb">
            <Link to="/systems">Systems</Link> /
          </p>
          <h1 id="oversight-title" className="page-title">
            {system.name} <Badge>{system.oversightMode}</Badge>
            {system.state === "halted" ? <Badge tone="danger">halted</Badge> : <Badge tone="success">active</Badge>}
          </h1>
          <p className="page-sub">
            <span className="mono">{system.slug}</span>
            {system.description ? ` · ${system.description}` : null}
          </p>
          <ReadinessDue systemId={system.id} />
        </div>
        <div className="row-gap">
          {canConfigure ? (
            <Link className="btn btn-secondary btn-md" to={`/admin/systems/${system.id}`}>
              Settings
            </Link>
          ) : null}
          <StopControls system={system} />
        </div>
      </div>
      <HaltedBanner system={system} />
      <StopSeen system={system} />
      <WindowPicker window={window} />
      <DriftPanel systemId={system.id} slug={system.slug} />
      <ConflictsPanel input={window.input} />
      <TrendPanel input={window.input} slug={system.slug} canSetBusinessCase={canConfigure} systemId={system.id} />
      <BreakdownsPanel input={window.input} slug={system.slug} currency={system.businessCase?.currency ?? null} />
    </section>
  );
}
