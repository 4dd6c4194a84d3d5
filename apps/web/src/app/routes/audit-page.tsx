import { PublicKey, VerifyLog } from "../../features/audit-trail/components/log-integrity";
import { ProofPackExport } from "../../features/audit-trail/components/proof-pack-export";
import { TrailSearch } from "../../features/audit-trail/components/trail-search";

/** The auditor's workbench: one AI output's trail, the proof pack, the log's integrity, the public key. Read-only. */
export function AuditPage() {
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1 className="page-title">Audit</h1>
          <p className="page-sub">
            Read-only. Find the full trail of any AI output, export a proof pack that verifies offline, and check that no audit entry was altered or
            removed.
          </p>
        </div>
      </div>
      <div className="audit-layout">
        <TrailSearch />
        <aside className="audit-side" aria-label="Proof and integrity">
          <ProofPackExport />
          <VerifyLog />
          <PublicKey />
        </aside>
      </div>
    </div>
  );
}
