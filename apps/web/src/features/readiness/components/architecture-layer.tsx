import { Link } from "react-router";
import { RelativeTime } from "../../../components/ui/relative-time";
import type { RouterOutputs } from "../../../lib/trpc";
import { formatCount, formatDuration, formatPercent } from "@countersign/shared/format";
import { Fact, Facts, LayerCard } from "./layer-card";
import { UntrustedText } from "../../../components/untrusted-text";

type Architecture = RouterOutputs["readiness"]["overview"]["architecture"];

/** Architecture: drift detection within a day, any output's trail in minutes, a stop that has been pressed. */
export function ArchitectureLayer({ architecture, now }: { architecture: Architecture; now: number }) {
  const { driftDetection: drift, trailRetrieval: trail, lastStopTest: stop } = architecture;
  const gaps = [
    drift.enabled ? null : "no drift detection",
    trail ? null : "no trail to retrieve yet",
    stop ? (stop.passed ? null : "the last halt was never seen by the AI system") : "stop never pressed",
  ].filter((gap): gap is string => gap !== null);
  const answer = gaps.length === 0 ? { text: "Drift, trail and stop in place", tone: "success" as const } : { text: gaps.join(" · "), tone: "warning" as const };
  const alert = drift.lastAlert;
  return (
    <LayerCard id="architecture" layer="Architecture" question={architecture.question} answer={answer}>
      <Facts label="Architecture figures">
        <Fact label="Drift detection">
          {drift.enabled ? (
            <>
              {formatDuration(drift.windowHours === null ? null : drift.windowHours * 3600)} rolling window, deciding from {formatCount(drift.minSample)} outputs
            </>
          ) : (
            "off: it needs a business case"
          )}
        </Fact>
        <Fact label="Last drift alert">
          {alert ? (
            <>
              {formatPercent(alert.measuredRate)} against {formatPercent(alert.assumedRate)} ± {formatPercent(alert.tolerance)}, raised{" "}
              <RelativeTime at={alert.raisedAt} now={now} />
              {alert.clearedAt ? (
                <>
                  , cleared <RelativeTime at={alert.clearedAt} now={now} />
                </>
              ) : (
                <strong> — still open</strong>
              )}
            </>
          ) : (
            "none raised"
          )}
        </Fact>
        <Fact label="Time to retrieve an output's full trail">
          {trail ? (
            <>
              {formatCount(trail.milliseconds)} ms for the{" "}
              <Link to={`/escalations/${trail.escalationId}`}>latest escalation's trail</Link> ({trail.entries} entries); the reference asks for
              5 minutes
            </>
          ) : (
            "no escalation yet"
          )}
        </Fact>
        <Fact label="Last stop test">
          {stop ? (
            <>
              halted by {stop.halt.by} <RelativeTime at={stop.halt.at} now={now} />
              {stop.halt.reason ? <>: “<UntrustedText text={stop.halt.reason} />”</> : null}
              {stop.haltSeenAt ? (
                <>
                  ; the halt was seen by the AI system {formatDuration(stop.seenAfterSeconds)} later. Passed.
                </>
              ) : (
                <strong>; the AI system never read the halt, so the stop is unproven.</strong>
              )}
              {stop.action === "resumed" ? (
                <>
                  {" "}
                  Resumed by {stop.by} <RelativeTime at={stop.at} now={now} />.
                </>
              ) : null}
            </>
          ) : (
            "never: nobody has halted this system yet, so the stop is unproven"
          )}
        </Fact>
      </Facts>
    </LayerCard>
  );
}
