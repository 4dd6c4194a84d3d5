import { formatDuration, formatExact, formatRelative, toMillis } from "../../lib/time";
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
  const text = format === "age" ? formatDuration(now - ms) : formatRelative(ms, now);
  const exact = formatExact(ms);
  return (
    <Tooltip content={exact}>
      <time className="relative-time" dateTime={new Date(ms).toISOString()} title={exact}>
        {text}
      </time>
    </Tooltip>
  );
}
