import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, type ReactNode } from "react";
import { Link, useSearchParams } from "react-router";
import { Badge } from "../../../components/ui/badge";
import { Skeleton } from "../../../components/ui/skeleton";
import { StateMessage } from "../../../components/ui/state-message";
import { Tabs } from "../../../components/ui/tabs";
import { useToast } from "../../../components/ui/toast";
import { errorMessage, issuesByPath } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";
import { ApiKeysPanel } from "./api-keys-panel";
import { ApiRateLimitForm } from "./api-rate-limit-form";
import { PolicyEditor } from "./policy-editor";
import { SystemForm, traceLinkTemplateOf } from "./system-form";

/** A tab another feature adds, composed by the route page (features never import each other). */
export type ExtraTab = { value: string; label: string; content: ReactNode };

/** One AI system: details, review policy, API keys, and any tabs the route page adds. */
export function SystemDetail({ systemId, extraTabs = [] }: { systemId: string; extraTabs?: ExtraTab[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  // The tab lives in the URL (?tab=keys): a link opens it, and Back returns to the previous tab.
  const [params, setParams] = useSearchParams();
  const inUrl = params.get("tab") ?? "details";
  const tab = ["details", "policy", "keys", ...extraTabs.map((t) => t.value)].includes(inUrl) ? inUrl : "details";
  // Radix activates a tab on mouse-down and again on focus, both before the URL changes: only the
  // first asks for a new history entry.
  const asked = useRef(tab);
  asked.current = tab;
  const setTab = (next: string) => {
    if (next === asked.current) return;
    asked.current = next;
    setParams((current) => {
      const updated = new URLSearchParams(current);
      if (next === "details") updated.delete("tab");
      else updated.set("tab", next);
      return updated;
    });
  };
  const systems = useQuery(trpc.systems.list.queryOptions());
  const update = useMutation(
    trpc.systems.update.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.systems.list.pathFilter());
        toast("AI system saved", "success");
      },
    }),
  );

  if (systems.isPending) return <Skeleton lines={6} label="Loading the AI system…" />;
  if (systems.isError) {
    return (
      <StateMessage tone="error" title="The AI system could not be loaded">
        {errorMessage(systems.error)}
      </StateMessage>
    );
  }
  const system = systems.data.find((s) => s.id === systemId);
  if (!system) {
    return (
      <StateMessage tone="error" title="There is no AI system with this id" action={<Link to="/admin/systems">All AI systems</Link>}>
        It may have been mistyped.
      </StateMessage>
    );
  }
  return (
    <section aria-labelledby="system-title">
      <div className="page-head">
        <div>
          <p className="breadcrumb">
            <Link to="/admin/systems">AI systems</Link> /
          </p>
          <h1 id="system-title" className="page-title">
            {system.name} <Badge>{system.oversightMode}</Badge>
          </h1>
          <p className="page-sub mono">{system.slug}</p>
        </div>
      </div>
      <Tabs
        label="AI system settings"
        value={tab}
        onValueChange={setTab}
        tabs={[
          {
            value: "details",
            label: "Details",
            content: (
              <SystemForm
                key={`${system.id}-${system.name}-${system.oversightMode}-${system.traceLinkTemplate ?? ""}`}
                mode="edit"
                initial={{
                  slug: system.slug,
                  name: system.name,
                  description: system.description,
                  oversightMode: system.oversightMode,
                  traceLinkTemplate: system.traceLinkTemplate ?? "",
                }}
                serverIssues={update.isError ? issuesByPath(update.error) : {}}
                formError={update.isError ? errorMessage(update.error) : null}
                pending={update.isPending}
                submitLabel="Save details"
                onSubmit={(fields) =>
                  update.mutate({
                    systemId,
                    name: fields.name,
                    description: fields.description,
                    oversightMode: fields.oversightMode,
                    traceLinkTemplate: traceLinkTemplateOf(fields),
                  })
                }
              />
            ),
          },
          { value: "policy", label: "Review policy", content: <PolicyEditor systemId={system.id} policy={system.policy} /> },
          {
            value: "keys",
            label: "API keys",
            content: (
              <div className="stack">
                <ApiKeysPanel systemId={system.id} systemSlug={system.slug} />
                <ApiRateLimitForm key={system.apiRequestsPerMinute} systemId={system.id} requestsPerMinute={system.apiRequestsPerMinute} />
              </div>
            ),
          },
          ...extraTabs,
        ]}
      />
    </section>
  );
}
