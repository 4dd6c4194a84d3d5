import { formatDateTime, formatDurationRounded, formatRelative, toMillis } from "@countersign/shared/format";
import { Tooltip } from "./tooltip";

type RelativeTimeProps = {
  at: number | string;
  /** The current time (server-corrected where it matters). */
  now: number;
  /** "relative": "5 min ago"; "age": "5 min" (time since). */
  format?: "relative" | "age";
};

/** A time shown relative, with the exact time on hover and in the element's datetime. */
export function RelativeTime({ at, now, format = "relative" }: RelativeTimeProps) {
  const ms = toMillis(at);
  const text = format === "age" ? formatDurationRounded((now - ms) / 1000) : formatRelative(ms, now);
  const exact = formatDateTime(ms);
  return (
    <Tooltip content={exact}>
      <time className="relative-time" dateTime={new Date(ms).toISOString()} title={exact}>
        {text}
      </time>
    </Tooltip>
  );
}
