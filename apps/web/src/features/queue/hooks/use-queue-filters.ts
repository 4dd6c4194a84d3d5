import { priorities, escalationStatuses, type EscalationStatus, type Priority } from "@countersign/shared/enums";
import { queueSortKeys } from "@countersign/shared/queue";
import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";

export type QueueSort = (typeof queueSortKeys)[number];

export type QueueFilters = {
  system?: string;
  priority?: Priority;
  reason?: string;
  status?: EscalationStatus;
  search?: string;
  sort: QueueSort;
};

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | undefined =>
  value !== null && (list as readonly string[]).includes(value) ? (value as T) : undefined;

/** Queue filters and sort live in the URL search params, so a lead can share a view. */
export function useQueueFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<QueueFilters>(() => {
    const f: QueueFilters = { sort: oneOf(queueSortKeys, params.get("sort")) ?? "priority" };
    const system = params.get("system");
    const reason = params.get("reason");
    const search = params.get("search");
    const priority = oneOf(priorities, params.get("priority"));
    const status = oneOf(escalationStatuses, params.get("status"));
    if (system) f.system = system;
    if (reason) f.reason = reason;
    if (search) f.search = search;
    if (priority) f.priority = priority;
    if (status) f.status = status;
    return f;
  }, [params]);

  const setFilter = useCallback(
    (name: keyof QueueFilters, value: string | undefined) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (value && !(name === "sort" && value === "priority")) next.set(name, value);
          else next.delete(name);
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const clear = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);
  const active = Boolean(filters.system || filters.priority || filters.reason || filters.status || filters.search);
  return { filters, setFilter, clear, active };
}
