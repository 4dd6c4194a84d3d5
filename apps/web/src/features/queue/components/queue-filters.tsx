import { priorities } from "@countersign/shared/enums";
import { useEffect, useRef, useState, type Ref } from "react";
import { Button } from "../../../components/ui/button";
import { Kbd } from "../../../components/ui/kbd";
import type { QueueFilters as Filters, QueueSort } from "../hooks/use-queue-filters";

type Props = {
  filters: Filters;
  setFilter: (name: keyof Filters, value: string | undefined) => void;
  clear: () => void;
  active: boolean;
  systems: { slug: string; name: string }[];
  reasons: string[];
  searchRef: Ref<HTMLInputElement>;
  /** A reviewer's decided list holds only what they verified themselves. */
  ownDecisionsOnly: boolean;
};

const sortLabels: Record<QueueSort, string> = {
  priority: "Priority, then oldest",
  age: "Oldest first",
  due: "Due soonest",
  confidence: "Lowest confidence",
};

const statusLabels = { queued: "Queued", in_review: "In review", decided: "Decided", expired: "Expired (due time passed)" } as const;

/** The filter bar. Every choice is written to the URL at once; the search after a short pause. */
export function QueueFilters({ filters, setFilter, clear, active, systems, reasons, searchRef, ownDecisionsOnly }: Props) {
  const [search, setSearch] = useState(filters.search ?? "");
  const written = useRef(filters.search ?? "");
  // Follow the URL when it changes from elsewhere (back button, "Clear filters"), not from our own typing.
  useEffect(() => {
    const fromUrl = filters.search ?? "";
    if (fromUrl !== written.current) {
      written.current = fromUrl;
      setSearch(fromUrl);
    }
  }, [filters.search]);
  useEffect(() => {
    const wanted = search.trim();
    if (wanted === written.current) return;
    const timer = window.setTimeout(() => {
      written.current = wanted;
      setFilter("search", wanted || undefined);
    }, 250);
    return () => window.clearTimeout(timer);
  }, [search, setFilter]);

  return (
    <form className="filters" role="search" aria-label="Filter the queue" onSubmit={(e) => e.preventDefault()}>
      <label className="filter filter-search">
        <span className="filter-label">Search</span>
        <span className="input-with-hint">
          <input
            ref={searchRef}
            className="input input-sm"
            type="search"
            value={search}
            placeholder="id, external id, summary, reason"
            onChange={(e) => setSearch(e.target.value)}
            onKeyDown={(e) => {
              if (e.key !== "Escape") return;
              // A search field clears itself on Escape; here Escape only leaves the field (so j/k work
              // again) and keeps the filter, written at once rather than after the typing pause.
              e.preventDefault();
              const wanted = search.trim();
              if (wanted !== written.current) {
                written.current = wanted;
                setFilter("search", wanted || undefined);
              }
              e.currentTarget.blur();
            }}
            aria-keyshortcuts="/"
          />
          <Kbd keys={["/"]} hidden />
        </span>
      </label>
      <label className="filter">
        <span className="filter-label">System</span>
        <select className="select select-sm" value={filters.system ?? ""} onChange={(e) => setFilter("system", e.target.value || undefined)}>
          <option value="">All systems</option>
          {filters.system && !systems.some((s) => s.slug === filters.system) ? <option value={filters.system}>{filters.system}</option> : null}
          {systems.map((s) => (
            <option key={s.slug} value={s.slug}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span className="filter-label">Priority</span>
        <select className="select select-sm" value={filters.priority ?? ""} onChange={(e) => setFilter("priority", e.target.value || undefined)}>
          <option value="">Any priority</option>
          {[...priorities].reverse().map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span className="filter-label">Reason</span>
        <select className="select select-sm" value={filters.reason ?? ""} onChange={(e) => setFilter("reason", e.target.value || undefined)}>
          <option value="">Any reason</option>
          {reasons.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span className="filter-label">Status</span>
        <select className="select select-sm" value={filters.status ?? ""} onChange={(e) => setFilter("status", e.target.value || undefined)}>
          <option value="">Open (queued and in review)</option>
          {(Object.keys(statusLabels) as (keyof typeof statusLabels)[]).map((s) => (
            <option key={s} value={s}>
              {s === "decided" && ownDecisionsOnly ? "Decided, verified by you" : statusLabels[s]}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span className="filter-label">Sort</span>
        <select className="select select-sm" value={filters.sort} onChange={(e) => setFilter("sort", e.target.value)}>
          {(Object.keys(sortLabels) as QueueSort[]).map((s) => (
            <option key={s} value={s}>
              {sortLabels[s]}
            </option>
          ))}
        </select>
      </label>
      {active ? (
        <Button size="sm" variant="ghost" onClick={clear} className="filter-clear">
          Clear filters
        </Button>
      ) : null}
    </form>
  );
}
