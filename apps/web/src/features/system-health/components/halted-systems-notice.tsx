import { useSearchParams } from "react-router";
import { useSystems } from "../hooks/use-systems";
import { HaltedBanner } from "./halted-banner";
import { StopControls } from "./stop-controls";

const queueNote =
  "The AI system is expected to stop acting on its outputs until someone resumes it. Countersign still accepts its escalations, and those in this queue still need a decision.";

/**
 * On the queue: a banner for every halted system in view (the filtered one, or all), and, with
 * the queue filtered to one system, its stop button for a reviewer whose qualification grants
 * stop (reviewers do not see the system pages; StopControls hides itself from everyone else).
 */
export function HaltedSystemsNotice() {
  const [params] = useSearchParams();
  const slug = params.get("system");
  const systems = useSystems();
  const halted = (systems.data ?? []).filter((s) => s.state === "halted" && (!slug || s.slug === slug));
  const filtered = slug ? (systems.data ?? []).find((s) => s.slug === slug) : undefined;
  if (halted.length === 0 && !filtered) return null;
  return (
    <div className="halt-banners">
      {halted.map((system) => (
        <HaltedBanner key={system.id} system={system} note={queueNote} />
      ))}
      {filtered ? (
        <div className="row-gap">
          <StopControls system={filtered} />
        </div>
      ) : null}
    </div>
  );
}
