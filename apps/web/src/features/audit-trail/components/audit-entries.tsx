import { useState } from "react";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { formatDateTime } from "@countersign/shared/format";
import { actionWords } from "../utils/format";
import type { TrailEntry } from "../utils/trail-types";

/** Each audit entry of the trail with its hash, previous hash, whether it verifies, and the checkpoint that covers it. */
export function AuditEntries({ entries }: { entries: TrailEntry[] }) {
  if (entries.length === 0) return <p className="muted">No audit entries.</p>;
  return (
    <ol className="audit-entries" aria-label="Audit entries">
      {entries.map((entry) => (
        <AuditEntryItem key={entry.seq} entry={entry} />
      ))}
    </ol>
  );
}

function AuditEntryItem({ entry }: { entry: TrailEntry }) {
  const [showSignature, setShowSignature] = useState(false);
  const checkpoint = entry.checkpoint;
  const signatureId = `checkpoint-signature-${entry.seq}`;
  return (
    <li className="audit-entry">
      <p className="audit-entry-line">
        <span className="mono audit-entry-seq">#{entry.seq}</span>
        <strong>{entry.actorName}</strong>
        <span>{actionWords(entry.action)}</span>
        <code className="reason-code">{entry.action}</code>
        <span className="audit-entry-when">{formatDateTime(entry.at)}</span>
        {entry.hashValid ? <Badge tone="success">✓ hash verifies</Badge> : <Badge tone="danger">✗ content does not match its hash</Badge>}
      </p>
      <dl className="hash-box">
        <div>
          <dt>Hash</dt>
          <dd className="mono">{entry.hash}</dd>
        </div>
        <div>
          <dt>Previous hash</dt>
          <dd className="mono">{entry.prevHash}</dd>
        </div>
        <div>
          <dt>Signed checkpoint</dt>
          <dd>
            {checkpoint ? (
              <>
                #{checkpoint.seq}, covering entries 1–{checkpoint.size}, signed {formatDateTime(checkpoint.at)}; head{" "}
                <span className="mono">{checkpoint.head}</span>
              </>
            ) : (
              <span className="muted">not yet covered: the next checkpoint will sign it</span>
            )}
          </dd>
        </div>
      </dl>
      {checkpoint ? (
        <div>
          <Button size="sm" variant="ghost" aria-expanded={showSignature} aria-controls={signatureId} onClick={() => setShowSignature((s) => !s)}>
            {showSignature ? "Hide signature" : "Show signature"}
          </Button>
          {showSignature ? (
            <dl className="hash-box" id={signatureId}>
              <div>
                <dt>Signature (Ed25519)</dt>
                <dd className="mono">{checkpoint.signature}</dd>
              </div>
              <div>
                <dt>Key id</dt>
                <dd className="mono">{checkpoint.keyId}</dd>
              </div>
            </dl>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
