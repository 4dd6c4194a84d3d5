import { Badge } from "../../../components/ui/badge";
import { DueTime } from "../../../components/ui/due-time";
import { RelativeTime } from "../../../components/ui/relative-time";
import { Table, Td, Th } from "../../../components/ui/table";
import type { RouterOutputs } from "../../../lib/trpc";

type Cadence = RouterOutputs["readiness"]["overview"]["operatingModel"]["cadence"];

/** The review cadence from the reference: before go-live, day 30, day 90, then quarterly; overdue steps flagged. */
export function CadencePanel({ cadence, liveSince, now }: { cadence: Cadence; liveSince: string | null; now: number }) {
  return (
    <section className="stack" aria-labelledby="cadence-title">
      <div>
        <h2 id="cadence-title" className="section-title">
          Cadence {cadence.overdue ? <Badge tone="danger">overdue</Badge> : null}
        </h2>
        <p className="section-sub">
          {liveSince ? (
            <>
              Live since <RelativeTime at={liveSince} now={now} />. Reviews are due before go-live, at 30 and 90 days, then every quarter.
            </>
          ) : (
            "Not live yet: the go-live review comes first. An admin sets the go-live date in the business case; the later steps follow from it."
          )}{" "}
          {cadence.next ? (
            <strong>
              Next: {cadence.next.label}
              {cadence.next.dueAt ? (
                <>
                  , <DueTime at={cadence.next.dueAt} now={now} label />
                </>
              ) : null}
              .
            </strong>
          ) : null}
        </p>
      </div>
      <Table aria-label="Readiness review cadence">
        <thead>
          <tr>
            <Th>Review</Th>
            <Th>Due</Th>
            <Th>Held</Th>
          </tr>
        </thead>
        <tbody>
          {cadence.steps.map((step) => (
            <tr key={step.label} className={step.label === cadence.next?.label ? "is-next" : undefined}>
              <Td>
                {step.label}
                {step.label === cadence.next?.label ? <span className="muted"> · next</span> : null}
              </Td>
              <Td>{step.reviewedAt ? (step.dueAt ? <RelativeTime at={step.dueAt} now={now} /> : "—") : <DueTime at={step.dueAt} now={now} />}</Td>
              <Td>{step.reviewedAt ? <RelativeTime at={step.reviewedAt} now={now} /> : <span className="muted">not yet</span>}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}
