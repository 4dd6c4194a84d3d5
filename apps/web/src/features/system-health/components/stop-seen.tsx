import { useQuery } from "@tanstack/react-query";
import { useNow } from "../../../hooks/use-now";
import { useTRPC } from "../../../lib/trpc";
import { formatDateTime, formatDuration } from "@countersign/shared/format";
import type { SystemRow } from "../hooks/use-systems";

type Props = { system: Pick<SystemRow, "state" | "stateChangedAt" | "stateSeenAt"> };

/**
 * Whether the AI system has read its latest state over GET /api/v1/system: Countersign records
 * its first read of each state, so a halt nobody read is shown as exactly that. While unseen the
 * systems list is polled faster, so the first read appears within seconds.
 */
export function StopSeen({ system }: Props) {
  const trpc = useTRPC();
  const unseen = system.stateChangedAt !== null && system.stateSeenAt === null;
  useQuery({ ...trpc.systems.list.queryOptions(), refetchInterval: unseen ? 3_000 : false, enabled: unseen });
  const now = useNow(1_000);
  if (system.stateChangedAt === null) return null;
  const what = system.state === "halted" ? "halt" : "resume";
  return (
    <p className="stop-seen" role="status" aria-label="Seen by the AI system">
      {system.stateSeenAt !== null ? (
        <>
          {what === "halt" ? "Halt" : "Resume"} seen by the AI system at <time dateTime={new Date(system.stateSeenAt).toISOString()}>{formatDateTime(system.stateSeenAt)}</time>{" "}
          <span className="muted">({formatDuration(Math.round((system.stateSeenAt - system.stateChangedAt) / 1000))} after the {what})</span>
        </>
      ) : (
        <>
          <strong>Not seen yet</strong> by the AI system, {formatDuration(Math.max(0, Math.round((now - system.stateChangedAt) / 1000)))} after the {what}: it has not read
          GET /api/v1/system since.
        </>
      )}
    </p>
  );
}
