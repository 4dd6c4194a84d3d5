const exactFormat = new Intl.DateTimeFormat(undefined, {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  timeZoneName: "short",
});

export function toMillis(at: number | string | Date): number {
  if (typeof at === "number") return at;
  if (typeof at === "string") return Date.parse(at);
  return at.getTime();
}

/** The exact time, in the viewer's locale and time zone. */
export function formatExact(at: number | string | Date): string {
  return exactFormat.format(new Date(toMillis(at)));
}

/** A duration in the largest sensible unit: "42 s", "5 min", "3 h", "2 d". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(Math.abs(ms) / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h`;
  return `${Math.floor(h / 24)} d`;
}

/** "5 min ago" / "in 5 min"; under five seconds, "just now". */
export function formatRelative(at: number | string | Date, now: number): string {
  const diff = toMillis(at) - now;
  if (Math.abs(diff) < 5000) return "just now";
  return diff < 0 ? `${formatDuration(diff)} ago` : `in ${formatDuration(diff)}`;
}

/** A countdown clock: "4:07" or "1:02:07". */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}
