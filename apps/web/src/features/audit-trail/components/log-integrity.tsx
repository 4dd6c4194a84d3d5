import { formatCount, formatDuration } from "@countersign/shared/format";
import { useQuery } from "@tanstack/react-query";
import { witnessAdds } from "@countersign/shared/proof";
import { Button } from "../../../components/ui/button";
import { CopyButton } from "../../../components/ui/copy-button";
import { Skeleton } from "../../../components/ui/skeleton";
import { StateMessage } from "../../../components/ui/state-message";
import { errorMessage } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";

/** Recomputes the whole hash chain and checks every signed checkpoint, on demand. */
export function VerifyLog() {
  const trpc = useTRPC();
  const verify = useQuery(trpc.audit.verify.queryOptions(undefined, { enabled: false, retry: false, staleTime: 0 }));
  const result = verify.data;
  return (
    <section className="card audit-card" aria-labelledby="verify-title">
      <h2 id="verify-title" className="card-title">
        Integrity of the audit log
      </h2>
      <p className="muted">
        Recomputes every entry's hash in order, checks that each links to the one before it, and checks each signed checkpoint's signature and
        head against the chain.
      </p>
      <div>
        <Button onClick={() => void verify.refetch()} disabled={verify.isFetching}>
          {verify.isFetching ? "Verifying…" : "Verify the audit log"}
        </Button>
      </div>
      <div role="status" aria-live="polite">
        {verify.isFetching ? null : result?.ok === true ? (
          <StateMessage tone="success" title={`Intact: all ${formatCount(result.entries)} entries match their hashes and their chain.`}>
            <dl className="audit-facts">
              <div>
                <dt>Entries</dt>
                <dd>{formatCount(result.entries)}</dd>
              </div>
              <div>
                <dt>Signed checkpoints</dt>
                <dd>{formatCount(result.checkpoints)}</dd>
              </div>
              <div>
                <dt>Witnessed checkpoints</dt>
                <dd>{formatCount(result.witnessed)}</dd>
              </div>
              <div>
                <dt>Not yet covered by a signature</dt>
                <dd>{formatCount(result.unsigned)}</dd>
              </div>
              <div className="audit-facts-wide">
                <dt>Head (hash of the latest entry)</dt>
                <dd className="mono hash">{result.head}</dd>
              </div>
            </dl>
            <p>
              {result.unsigned === 0
                ? "The last signed checkpoint covers every entry."
                : `${formatCount(result.unsigned)} ${result.unsigned === 1 ? "entry was" : "entries were"} written after the last signed checkpoint; until the next one, removing them would leave no trace.`}{" "}
              The server signs a checkpoint {result.checkpointEveryMinutes === 1 ? "every minute" : `every ${formatDuration(result.checkpointEveryMinutes * 60)}`} (and every 100 entries).
            </p>
          </StateMessage>
        ) : result?.ok === false ? (
          <StateMessage tone="error" title={`Broken at entry #${result.firstBadSeq}`}>
            <p>{result.problem}.</p>
            <p>{formatCount(result.entries)} entries before it verified.</p>
          </StateMessage>
        ) : verify.isError ? (
          <StateMessage tone="error" title="The check could not run">
            {errorMessage(verify.error)}
          </StateMessage>
        ) : null}
      </div>
      {result ? <WitnessNote witness={result.witness} /> : null}
    </section>
  );
}


/** What a witness adds, said plainly, and a warning when there is none. */
function WitnessNote({ witness }: { witness: "file" | "https" | null }) {
  const adds = witnessAdds;
  if (witness) {
    return (
      <StateMessage tone="success" title={`Witness configured (${witness === "https" ? "an HTTPS endpoint" : "a file"})`}>
        <p>{adds}</p>
        <p>Compare with the witness's copy: pnpm countersign audit verify --witness FILE.</p>
      </StateMessage>
    );
  }
  return (
    <StateMessage tone="warning" title="No witness is configured">
      <p>{adds}</p>
      <p>Set COUNTERSIGN_WITNESS to a file or an https:// endpoint held by someone other than this server's operator.</p>
    </StateMessage>
  );
}

/** The public key that verifies checkpoints and proof packs, to keep independently of any pack. */
export function PublicKey() {
  const trpc = useTRPC();
  const key = useQuery(trpc.audit.publicKey.queryOptions(undefined, { staleTime: Infinity }));
  return (
    <section className="card audit-card" aria-labelledby="public-key-title">
      <h2 id="public-key-title" className="card-title">
        Public key
      </h2>
      <p className="muted">Ed25519. Checkpoint and proof-pack signatures verify under it; keep a copy outside Countersign.</p>
      {key.isPending ? (
        <Skeleton lines={3} label="Loading the public key…" />
      ) : key.isError ? (
        <StateMessage tone="error" title="The public key could not be loaded">
          {errorMessage(key.error)}
        </StateMessage>
      ) : (
        <>
          <pre className="payload public-key" aria-label="Public key (PEM)" tabIndex={0}>
            {key.data.pem}
          </pre>
          <p className="key-id">
            <span className="muted">Key id </span>
            <span className="mono hash">{key.data.keyId}</span>
          </p>
          <div className="row-gap">
            <CopyButton text={key.data.pem} label="Copy public key" />
            <a
              className="btn btn-secondary btn-sm"
              href={`data:application/x-pem-file;charset=utf-8,${encodeURIComponent(key.data.pem)}`}
              download="countersign-public-key.pem"
            >
              Download .pem
            </a>
          </div>
        </>
      )}
    </section>
  );
}
