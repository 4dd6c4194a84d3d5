import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useSearchParams } from "react-router";
import { Button } from "../../../components/ui/button";
import { Skeleton } from "../../../components/ui/skeleton";
import { StateMessage } from "../../../components/ui/state-message";
import { errorMessage, issuesByPath } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";
import { TrailView } from "./trail-view";

/** Find one AI output's full trail by escalation id or externalId; the search stays in the URL (?q=). */
export function TrailSearch() {
  const trpc = useTRPC();
  const [params, setParams] = useSearchParams();
  const query = params.get("q")?.trim() ?? "";
  const [text, setText] = useState(query);
  const [issue, setIssue] = useState<string | null>(null);
  const trail = useQuery(trpc.audit.trail.queryOptions({ query }, { enabled: query.length > 0, retry: false }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = text.trim();
    if (!next) {
      setIssue("Enter an escalation id (esc_…) or the external id the AI system sent.");
      return;
    }
    setIssue(null);
    setParams(
      (p) => {
        p.set("q", next);
        return p;
      },
      { replace: false },
    );
  };
  const serverIssue = trail.isError ? (issuesByPath(trail.error).query ?? errorMessage(trail.error)) : null;

  return (
    <section className="stack" aria-labelledby="trail-search-title">
      <h2 id="trail-search-title" className="visually-hidden">
        Trail of one AI output
      </h2>
      <form className="trail-search" role="search" onSubmit={submit} noValidate>
        <label className="field-label" htmlFor="trail-query">
          Find an escalation by id or external id
        </label>
        <div className="trail-search-row">
          <input
            id="trail-query"
            className="input mono"
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="esc_… or the AI system's external id"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={issue || serverIssue ? true : undefined}
            aria-describedby={issue || serverIssue ? "trail-query-error" : undefined}
          />
          <Button type="submit" variant="primary">
            Find
          </Button>
        </div>
        {issue || serverIssue ? (
          <div className="field-error" id="trail-query-error" role="alert">
            {issue ?? serverIssue}
          </div>
        ) : null}
      </form>
      {!query ? (
        <StateMessage title="Search for one AI output">
          Paste an escalation id or the external id the AI system sent with it (any system). The trail shows what was received, exactly what the
          reviewer was shown, who claimed and decided what, when, after how much active time and under which qualification, and the proof that
          every entry is in the log.
        </StateMessage>
      ) : trail.isPending ? (
        <Skeleton lines={8} label="Looking up the trail…" />
      ) : trail.isError ? null : trail.data.matches.length === 0 ? (
        <StateMessage title={`No escalation matches “${query}”`}>
          Check the id. External ids are matched exactly, as the AI system sent them; escalation ids start with esc_.
        </StateMessage>
      ) : (
        <div className="stack">
          {trail.data.matches.length > 1 ? (
            <StateMessage tone="info" title={`${trail.data.matches.length} escalations match “${query}”`}>
              External ids are unique per AI system; these come from different systems or were received more than once. Each trail follows.
            </StateMessage>
          ) : null}
          {trail.data.matches.map((match) => (
            <TrailView key={match.escalation.id} trail={match} />
          ))}
        </div>
      )}
    </section>
  );
}
