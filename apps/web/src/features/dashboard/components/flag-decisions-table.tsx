import { Link } from "react-router";
import { Badge, type BadgeTone } from "../../../components/ui/badge";
import { Confidence } from "../../../components/ui/confidence";
import { RelativeTime } from "../../../components/ui/relative-time";
import { Table, Td, Th } from "../../../components/ui/table";
import type { FlagDecision } from "../api/indicators";
import { formatDuration, formatOf, formatScore, noValue } from "@countersign/shared/format";

const outcomeTone: Record<string, BadgeTone> = { approved: "success", rejected: "danger", modified: "accent", escalated: "warning" };

function GoldCell({ caught }: { caught: boolean | null }) {
  if (caught === null) return <span className="muted">not gold</span>;
  return caught ? <Badge tone="success">caught</Badge> : <Badge tone="danger">missed</Badge>;
}

/** The decisions behind a flag, newest first. Every text from a reviewer or an AI system is rendered as text. */
export function FlagDecisionsTable({ decisions, now }: { decisions: FlagDecision[]; now: number }) {
  return (
    <Table aria-label="Decisions behind the flag" className="flag-decisions">
      <thead>
        <tr>
          <Th>Decided</Th>
          <Th>System</Th>
          <Th>Escalation</Th>
          <Th>Outcome</Th>
          <Th num>Active time</Th>
          <Th num>Confidence</Th>
          <Th num>Similarity</Th>
          <Th num>Evidence opened</Th>
          <Th>Gold</Th>
          <Th className="col-rationale">Rationale (excerpt)</Th>
        </tr>
      </thead>
      <tbody>
        {decisions.map((d) => (
          <tr key={d.verificationId}>
            <Td>
              <RelativeTime at={d.decidedAt} now={now} />
            </Td>
            <Td className="mono">{d.system}</Td>
            <Td>
              <Link to={`/escalations/${d.escalationId}`} className="mono" aria-label={`Timeline of escalation ${d.externalId}`}>
                {d.externalId}
              </Link>
            </Td>
            <Td>
              <Badge tone={outcomeTone[d.outcome] ?? "neutral"}>{d.outcome}</Badge>
            </Td>
            <Td num>
              {formatDuration(d.activeSeconds)}
              <span className="cell-sub">
                min {formatDuration(d.requiredDwellSeconds)} · held {formatDuration(d.elapsedSeconds)}
              </span>
            </Td>
            <Td num>{d.confidence === null ? noValue : <Confidence value={d.confidence} />}</Td>
            <Td num>{formatScore(d.rationaleSimilarity)}</Td>
            <Td num>{d.evidenceCount === 0 ? <span className="muted">none sent</span> : formatOf(d.evidenceOpened, d.evidenceCount)}</Td>
            <Td>
              <GoldCell caught={d.goldCaught} />
            </Td>
            <Td className="col-rationale">
              <span className="rationale-excerpt">{d.rationale}</span>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
