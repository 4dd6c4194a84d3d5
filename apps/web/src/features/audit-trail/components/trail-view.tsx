import { useQuery } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { Link } from "react-router";
import { Badge, type BadgeTone } from "../../../components/ui/badge";
import { Collapsible } from "../../../components/ui/collapsible";
import { Confidence } from "../../../components/ui/confidence";
import { PayloadView, SafeLink } from "../../../components/payload-view";
import { formatDateTime } from "@countersign/shared/format";
import { useTRPC } from "../../../lib/trpc";
import type { Trail } from "../utils/trail-types";
import { AuditEntries } from "./audit-entries";
import { VerificationCard } from "./verification-card";
import { UntrustedText } from "../../../components/untrusted-text";

const outcomeTone: Record<string, BadgeTone> = { approved: "success", modified: "accent", rejected: "danger", escalated: "warning" };
const statusTone: Record<string, BadgeTone> = { decided: "success", in_review: "accent", queued: "neutral", expired: "warning" };

function Part({ title, children, aside }: { title: string; children: ReactNode; aside?: ReactNode }) {
  return (
    <section className="trail-part">
      <div className="trail-part-head">
        <h4 className="trail-part-title">{title}</h4>
        {aside}
      </div>
      {children}
    </section>
  );
}

function Disclosure({ label, children }: { label: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <Collapsible open={open} onOpenChange={setOpen} trigger={label}>
      {children}
    </Collapsible>
  );
}

/** A legal hold in force on the escalation or its system: purging keeps it. */
function LegalHoldBadge({ escalationId }: { escalationId: string }) {
  const trpc = useTRPC();
  const holds = useQuery(trpc.retention.holds.queryOptions({ escalationId }));
  const inForce = holds.data?.filter((h) => h.liftedAt === null) ?? [];
  if (inForce.length === 0) return null;
  return (
    <Badge tone="warning" title={inForce.map((h) => h.reason).join("\n")}>
      legal hold
    </Badge>
  );
}

/** One AI output's trail, top to bottom in the order it happened. Everything the AI system sent is rendered as text. */
export function TrailView({ trail }: { trail: Trail }) {
  const { escalation: e, received, shown, resolution, decision } = trail;
  const disputed = !decision && trail.auditEntries.some((entry) => entry.action === "escalation.disputed");
  return (
    <article className="card trail" aria-label={`Trail of ${e.externalId}`}>
      <header className="trail-head">
        <div>
          <h3 className="trail-title">
            <span className="mono"><UntrustedText text={e.externalId} /></span>
            <Badge tone={statusTone[e.status] ?? "neutral"}>{e.status.replace("_", " ")}</Badge>
            {disputed ? <Badge tone="warning">disputed — waiting for a lead</Badge> : null}
            {e.gold ? <Badge tone="warning">gold item</Badge> : null}
            {e.purgedAt ? <Badge tone="warning">content purged</Badge> : null}
            <LegalHoldBadge escalationId={e.id} />
          </h3>
          <p className="muted">
            {e.system.name} <span className="mono">({e.system.slug}, {e.system.oversightMode})</span> · <span className="mono">{e.id}</span>
          </p>
        </div>
        <nav className="row-gap" aria-label={`Views of ${e.externalId}`}>
          <Link to={`/escalations/${e.id}`}>Timeline</Link>
          <Link to={`/escalations/${e.id}/explanation`}>Explanation (printable)</Link>
        </nav>
      </header>

      <dl className="audit-facts">
        <div>
          <dt>Received</dt>
          <dd>{formatDateTime(e.receivedAt)}</dd>
        </div>
        <div>
          <dt>Decided</dt>
          <dd>{e.decidedAt ? formatDateTime(e.decidedAt) : "not yet"}</dd>
        </div>
        <div>
          <dt>Verifications</dt>
          <dd>{trail.verifications.length}</dd>
        </div>
        <div className="audit-facts-wide">
          <dt>Request SHA-256 (as received)</dt>
          <dd className="mono hash">{e.requestHash}</dd>
        </div>
      </dl>

      <Part title="Decision">
        {decision ? (
          <div className="trail-decision">
            <p className="decision-line">
              <Badge tone={outcomeTone[decision.outcome] ?? "neutral"}>{decision.outcome}</Badge>
              by <strong>{decision.decidedBy}</strong>
              {resolution ? " (team lead, resolving a disagreement)" : null} on {formatDateTime(decision.decidedAt)}
            </p>
            <p className="prose"><UntrustedText text={decision.rationale} /></p>
            {decision.finalOutput !== null ? <PayloadView payload={decision.finalOutput} label="Final output returned to the AI system" /> : null}
          </div>
        ) : (
          <p className="muted">Not decided yet.</p>
        )}
      </Part>

      {resolution ? (
        <Part title="Resolution of the disagreement">
          <div className="trail-decision">
            <p className="decision-line">
              <Badge tone={outcomeTone[resolution.outcome] ?? "neutral"}>{resolution.outcome}</Badge>
              by <strong>{resolution.leadName}</strong> on {formatDateTime(resolution.resolvedAt)}
              {resolution.basis === "adopted" ? ", adopting a recorded verification" : resolution.basis === "own_verification" ? ", with their own verification (listed below)" : null}
            </p>
            <p className="muted">
              {resolution.qualification
                ? `Under qualification ${resolution.qualification.id} (${resolution.qualification.authority.join(", ")}; ${resolution.qualification.training}), valid ${formatDateTime(resolution.qualification.obtainedAt)} – ${formatDateTime(resolution.qualification.expiresAt)}.`
                : "Recorded before resolvers needed a qualification with override authority."}
            </p>
            <p className="prose"><UntrustedText text={resolution.rationale} /></p>
            {resolution.correctedOutput !== null ? (
              <pre className="payload payload-text" aria-label="The resolution's corrected output" tabIndex={0}>
                <UntrustedText text={resolution.correctedOutput} />
              </pre>
            ) : null}
          </div>
        </Part>
      ) : null}

      <Part title={`Verifications (${trail.verifications.length})`}>
        {trail.verifications.length === 0 ? (
          <p className="muted">No verification recorded yet.</p>
        ) : (
          <ol className="verification-grid">
            {trail.verifications.map((v, index) => (
              <li key={v.id}>
                <VerificationCard verification={v} index={index} shownSha256={shown.sha256} />
              </li>
            ))}
          </ol>
        )}
      </Part>

      <Part title={`Claims (${trail.claims.length})`}>
        {trail.claims.length === 0 ? (
          <p className="muted">Nobody has claimed it.</p>
        ) : (
          <ul className="trail-claims">
            {trail.claims.map((c) => (
              <li key={c.seq}>
                <strong>{c.reviewerName ?? "unknown reviewer"}</strong> claimed it on {formatDateTime(c.at)} <span className="muted mono">(entry #{c.seq})</span>
              </li>
            ))}
          </ul>
        )}
      </Part>

      <Part title="Exactly what was shown to reviewers">
        <p className="shown-hash">
          <span className="muted">SHA-256 </span>
          <span className="mono hash" aria-label="SHA-256 of the shown content">
            {shown.sha256}
          </span>
        </p>
        <Disclosure label="Show the content as shown">
          <PayloadView payload={shown.content} label="Content shown to reviewers" />
        </Disclosure>
      </Part>

      <Part title="What was received">
        <Disclosure label="Show what the AI system sent">
          <div className="stack trail-received">
            <p>
              <code className="reason-code"><UntrustedText text={received.escalationReason.code} /></code> <UntrustedText text={received.escalationReason.explanation} />
            </p>
            <p className="prose"><UntrustedText text={received.contextSummary} /></p>
            <dl className="audit-facts">
              <div>
                <dt>Confidence</dt>
                <dd>
                  <Confidence value={received.confidence} />
                </dd>
              </div>
              <div>
                <dt>Model</dt>
                <dd className="mono"><UntrustedText text={received.model} /></dd>
              </div>
              <div>
                <dt>Priority</dt>
                <dd>{received.priority ?? "normal"}</dd>
              </div>
            </dl>
            <PayloadView payload={received.input} label="Input" />
            <PayloadView payload={received.aiOutput} label="AI output" />
            {received.evidence.map((item, index) => (
              <div key={index} className="trail-evidence">
                <p>
                  <strong>Evidence #{index + 1}</strong> <UntrustedText text={item.title} />
                </p>
                {item.url ? <SafeLink url={item.url} /> : null}
                {item.content !== undefined ? (
                  <pre className="payload payload-text" tabIndex={0}>
                    <UntrustedText text={item.content} />
                  </pre>
                ) : null}
              </div>
            ))}
            {received.metadata ? <PayloadView payload={received.metadata} label="Metadata" /> : null}
          </div>
        </Disclosure>
      </Part>

      <Part title={`Audit entries (${trail.auditEntries.length})`}>
        <AuditEntries entries={trail.auditEntries} />
      </Part>
    </article>
  );
}
