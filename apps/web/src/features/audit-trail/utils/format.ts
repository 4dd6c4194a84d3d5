/** Active time in minutes and seconds: "42 s", "3 min 07 s". */
export function formatActiveSeconds(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  if (total < 60) return `${total} s`;
  const min = Math.floor(total / 60);
  return `${min} min ${String(total % 60).padStart(2, "0")} s`;
}

/** A size in bytes for a progress line: "840 B", "12.4 kB", "3.1 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** "escalation.decided" → "escalation decided"; the raw action stays visible beside it. */
export function actionWords(action: string): string {
  return action.replace(".", " ").replaceAll("_", " ");
}
