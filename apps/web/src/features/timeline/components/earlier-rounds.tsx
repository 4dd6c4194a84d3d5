import type { RouterOutputs } from "../../../lib/trpc";
import { RelativeTime } from "../../../components/ui/relative-time";
import { UntrustedText } from "../../../components/untrusted-text";
import { DecisionSummary } from "./decision-summary";

type Round = NonNullable<RouterOutputs["reviews"]["detail"]["earlierRounds"]>[number];

/** The rounds before the one in force, newest first: each superseded decision as it was, and why it was reopened. */
export function EarlierRounds({ rounds, now }: { rounds: Round[]; now: number }) {
  return (
    <ol className="earlier-rounds" aria-label="Earlier review rounds">
      {[...rounds].reverse().map((r) => (
        <li key={r.round} className="earlier-round">
          <h3 className="read-title">Round {r.round} — superseded</h3>
          <p className="muted">
            Reopened by <strong>{r.reopenedBy}</strong> <RelativeTime at={r.supersededAt} now={now} />: <UntrustedText text={r.reason} />
          </p>
          <DecisionSummary decision={r.decision} now={now} />
        </li>
      ))}
    </ol>
  );
}
