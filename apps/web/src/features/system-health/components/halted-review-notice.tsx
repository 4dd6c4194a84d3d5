import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc";
import { useSystems } from "../hooks/use-systems";
import { HaltedBanner } from "./halted-banner";

const reviewNote = "The AI system is expected to stop acting on its outputs until someone resumes it. This escalation still needs your decision.";

/**
 * On the review screen: a banner when the escalation's system is halted. It reads the review
 * screen's own cached data for the system (it never fetches it), so it adds no request.
 */
export function HaltedReviewNotice({ escalationId }: { escalationId: string }) {
  const trpc = useTRPC();
  const view = useQuery({ ...trpc.reviews.view.queryOptions({ escalationId }), enabled: false });
  const systems = useSystems();
  const slug = view.data?.system.slug;
  const system = slug ? systems.data?.find((s) => s.slug === slug) : undefined;
  if (!system) return null;
  return <HaltedBanner system={system} note={reviewNote} />;
}
