/** Links from a figure to the rows behind it: the queue, filtered. */
export function queueLink(filters: { system: string; reason?: string; status?: "queued" | "in_review" | "decided" }): string {
  const params = new URLSearchParams({ system: filters.system });
  if (filters.reason) params.set("reason", filters.reason);
  if (filters.status) params.set("status", filters.status);
  return `/queue?${params.toString()}`;
}
