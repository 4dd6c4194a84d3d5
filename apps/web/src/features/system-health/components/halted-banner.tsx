import { Badge } from "../../../components/ui/badge";
import { RelativeTime } from "../../../components/ui/relative-time";
import { useNow } from "../../../hooks/use-now";
import type { SystemRow } from "../hooks/use-systems";

type Props = {
  system: Pick<SystemRow, "name" | "slug" | "state" | "stateReason" | "stateChangedAt" | "stateChangedByName">;
  /** What the banner adds for the screen it is on. */
  note?: string;
};

/**
 * The stop, visible to everyone who works on the system (EU AI Act Art. 14(4)(e)): who
 * halted it, when, and why. Nothing is rendered while the system is active.
 */
export function HaltedBanner({ system, note }: Props) {
  const now = useNow(30_000);
  if (system.state !== "halted") return null;
  return (
    <section className="halt-banner" aria-label={`${system.name} is halted`}>
      <p className="halt-banner-title">
        <Badge tone="danger">Halted</Badge>
        <span>
          {system.name} <span className="mono muted">{system.slug}</span> is halted
        </span>
      </p>
      <p>
        Halted by <strong>{system.stateChangedByName ?? "someone"}</strong>
        {system.stateChangedAt ? (
          <>
            {" "}
            <RelativeTime at={system.stateChangedAt} now={now} />
          </>
        ) : null}
        {system.stateReason ? (
          <>
            : <q className="halt-reason">{system.stateReason}</q>
          </>
        ) : null}
      </p>
      <p className="halt-banner-note">
        {note ?? "The AI system reads this stop from GET /api/v1/system. Countersign still accepts its escalations while it is halted."}
      </p>
    </section>
  );
}
