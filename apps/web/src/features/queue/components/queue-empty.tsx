import { Button } from "../../../components/ui/button";
import { StateMessage } from "../../../components/ui/state-message";

/** What an empty queue means, and what will fill it. */
export function QueueEmpty({ filtered, onClear }: { filtered: boolean; onClear: () => void }) {
  if (filtered) {
    return (
      <StateMessage title="No escalations match these filters" action={<Button onClick={onClear}>Clear filters</Button>}>
        Other escalations may be waiting: clear the filters to see the whole queue.
      </StateMessage>
    );
  }
  return (
    <StateMessage title="The queue is empty — nothing needs a human right now">
      <p>
        Escalations arrive when an AI system posts an output it is not sure about to{" "}
        <code>POST /api/v1/escalations</code> with its API key, along with the reason it escalated and a context summary.
        They appear here as soon as they are received.
      </p>
      <p className="muted">An admin registers AI systems and issues their API keys under AI systems.</p>
    </StateMessage>
  );
}
