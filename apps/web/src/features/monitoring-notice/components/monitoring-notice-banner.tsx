import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useMatch } from "react-router";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { errorMessage } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";

/**
 * Tells a reviewer (or a lead, who verifies when resolving) what Countersign measures about their
 * work and why, until they acknowledge this version of the text; a new version asks again. A slim
 * bar that opens the notice, never a modal on its own and never over a review in progress: it
 * does not take the focus, the keys or the screen's height from the work.
 */
export function MonitoringNoticeBanner() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const reviewing = useMatch("/review/*") !== null;
  const notice = useQuery(trpc.monitoringNotice.mine.queryOptions(undefined, { staleTime: Infinity, refetchOnWindowFocus: false }));
  const [open, setOpen] = useState(false);
  const acknowledge = useMutation(
    trpc.monitoringNotice.acknowledge.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.monitoringNotice.mine.pathFilter());
        setOpen(false);
      },
    }),
  );
  if (reviewing || !notice.data || notice.data.acknowledgedAt !== null) return null;
  const { notice: text, version } = notice.data;
  return (
    <section className="monitoring-notice" aria-label="Monitoring notice">
      <span>Countersign measures how you review, to help notice automation bias.</span>
      <Button size="sm" onClick={() => setOpen(true)}>
        Read what is measured
      </Button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        wide
        title={text.title}
        description={text.intro}
        footer={
          <Button variant="primary" onClick={() => acknowledge.mutate({ version })} disabled={acknowledge.isPending}>
            I have read what Countersign measures
          </Button>
        }
      >
        {text.sections.map((section) => (
          <div key={section.heading} className="monitoring-notice-section">
            <h3>{section.heading}</h3>
            <ul>
              {section.points.map((point) => (
                <li key={point}>{point}</li>
              ))}
            </ul>
          </div>
        ))}
        <p className="muted">Notice version {version}. Your acknowledgement is recorded in the audit log with this version.</p>
        {acknowledge.isError ? <p className="form-error">{errorMessage(acknowledge.error)}</p> : null}
      </Dialog>
    </section>
  );
}
