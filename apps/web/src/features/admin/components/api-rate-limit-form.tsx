import { setApiRateLimitInputSchema } from "@countersign/shared/admin";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "../../../components/ui/button";
import { FormField } from "../../../components/ui/form-field";
import { useToast } from "../../../components/ui/toast";
import { errorMessage, issuesByPath, zodIssuesByPath } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";

/** How many REST requests per minute each of the system's keys may make (beyond it: 429 with Retry-After). */
export function ApiRateLimitForm({ systemId, requestsPerMinute }: { systemId: string; requestsPerMinute: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [value, setValue] = useState(String(requestsPerMinute));
  const [issue, setIssue] = useState<string | undefined>();
  const save = useMutation(
    trpc.systems.setApiRateLimit.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.systems.list.pathFilter());
        toast("API rate limit saved; it applies from the next request", "success");
      },
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = setApiRateLimitInputSchema.safeParse({ systemId, requestsPerMinute: Number(value) });
    if (!parsed.success) {
      setIssue(zodIssuesByPath(parsed.error.issues).requestsPerMinute);
      return;
    }
    setIssue(undefined);
    save.mutate(parsed.data);
  };

  const serverIssue = save.isError ? (issuesByPath(save.error).requestsPerMinute ?? errorMessage(save.error)) : undefined;
  return (
    <form className="inline-form" onSubmit={submit} noValidate>
      <FormField
        label="Requests per minute, per key"
        suffix="/ min"
        error={issue ?? serverIssue}
        hint="Beyond it the REST API answers 429 with Retry-After. The stop-state poll (GET /api/v1/system) has its own allowance of 5 per second."
      >
        <input className="input" type="number" inputMode="numeric" min={1} max={100000} value={value} onChange={(e) => setValue(e.target.value)} />
      </FormField>
      <Button type="submit" disabled={save.isPending}>
        {save.isPending ? "Saving…" : "Save limit"}
      </Button>
    </form>
  );
}
