import { useSearchParams } from "react-router";
import { useSystems } from "../hooks/use-systems";
import { HaltedBanner } from "./halted-banner";

const queueNote =
  "The AI system is expected to stop acting on its outputs until someone resumes it. Countersign still accepts its escalations, and those in this queue still need a decision.";

/** On the queue: a banner for every halted system in view (the filtered one, or all). */
export function HaltedSystemsNotice() {
  const [params] = useSearchParams();
  const slug = params.get("system");
  const systems = useSystems();
  const halted = (systems.data ?? []).filter((s) => s.state === "halted" && (!slug || s.slug === slug));
  if (halted.length === 0) return null;
  return (
    <div className="halt-banners">
      {halted.map((system) => (
        <HaltedBanner key={system.id} system={system} note={queueNote} />
      ))}
    </div>
  );
}
