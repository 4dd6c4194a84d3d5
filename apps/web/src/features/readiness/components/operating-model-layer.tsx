import { RelativeTime } from "../../../components/ui/relative-time";
import type { RouterOutputs } from "../../../lib/trpc";
import { milestoneLabels, verdictLabels } from "../utils/format";
import { Fact, Facts, LayerCard } from "./layer-card";

type OperatingModel = RouterOutputs["readiness"]["overview"]["operatingModel"];

/** Operating model: who owns the system, who may stop it, and when it was last reviewed. */
export function OperatingModelLayer({ model, now }: { model: OperatingModel; now: number }) {
  const answer = !model.owner
    ? { text: "No owner named", tone: "danger" as const }
    : model.cadence.overdue
      ? { text: "A review is overdue", tone: "danger" as const }
      : { text: `Owned by ${model.owner.name}`, tone: "success" as const };
  const last = model.lastReview;
  return (
    <LayerCard id="operating-model" layer="Operating model" question={model.question} answer={answer}>
      <Facts label="Operating model figures">
        <Fact label="Owner">
          {model.owner ? (
            <>
              {model.owner.name}, since <RelativeTime at={model.owner.since} now={now} />
            </>
          ) : (
            (model.ownerNote ?? "no owner named")
          )}
        </Fact>
        <Fact label="Who may stop it">
          {model.whoMayStop.length === 0 ? "nobody: no active admin, and no qualification in force grants stop" : model.whoMayStop.map((p) => `${p.name} (${p.roles.join(", ")})`).join("; ")}
        </Fact>
        <Fact label="Last readiness review">
          {last ? (
            <>
              {milestoneLabels[last.milestone as keyof typeof milestoneLabels] ?? last.milestone}:{" "}
              {verdictLabels[last.verdict as keyof typeof verdictLabels] ?? last.verdict}, by {last.recordedBy}{" "}
              <RelativeTime at={last.recordedAt} now={now} />
            </>
          ) : (
            "never held"
          )}
        </Fact>
      </Facts>
    </LayerCard>
  );
}
