import { useState } from "react";
import { Button } from "../../../components/ui/button";
import { RelativeTime } from "../../../components/ui/relative-time";
import { describeAction, describeActor, describeDetails, type TimelineEntry } from "../utils/describe-entry";

/** Every audit entry of one escalation, oldest first (newest last): who, when, what; hash on demand. */
export function AuditTimeline({ entries, now }: { entries: TimelineEntry[]; now: number }) {
  if (entries.length === 0) return <p className="muted">No audit entries for this escalation.</p>;
  return (
    <ol className="timeline" aria-label="Audit timeline">
      {entries.map((entry) => (
        <TimelineItem key={entry.seq} entry={entry} now={now} />
      ))}
    </ol>
  );
}

function TimelineItem({ entry, now }: { entry: TimelineEntry; now: number }) {
  const [showHash, setShowHash] = useState(false);
  const details = describeDetails(entry);
  const hashId = `entry-hash-${entry.seq}`;
  return (
    <li className={`timeline-item action-${entry.action.replace(".", "-")}`}>
      <span className="timeline-dot" aria-hidden="true" />
      <div className="timeline-main">
        <p className="timeline-line">
          <strong className="timeline-who">{describeActor(entry)}</strong> <span className="timeline-what">{describeAction(entry)}</span>
          <span className="timeline-when">
            <RelativeTime at={entry.at} now={now} />
          </span>
        </p>
        {details.length ? <p className="timeline-details muted">{details.join(" · ")}</p> : null}
        <div className="timeline-hash-row">
          <Button size="sm" variant="ghost" aria-expanded={showHash} aria-controls={hashId} onClick={() => setShowHash((v) => !v)}>
            {showHash ? "Hide hash" : "Show hash"}
          </Button>
          <span className="muted mono timeline-seq">entry #{entry.seq}</span>
        </div>
        {showHash ? (
          <dl className="hash-box" id={hashId}>
            <div>
              <dt>Hash</dt>
              <dd className="mono">{entry.hash}</dd>
            </div>
            <div>
              <dt>Previous</dt>
              <dd className="mono">{entry.prevHash}</dd>
            </div>
          </dl>
        ) : null}
      </div>
    </li>
  );
}
