import { Link } from "react-router";
import { StateMessage } from "../../components/ui/state-message";

export function NotFoundPage() {
  return (
    <div className="page">
      <StateMessage title="There is no page here" action={<Link to="/queue">Go to the queue</Link>}>
        The address may be mistyped, or the page may have moved.
      </StateMessage>
    </div>
  );
}
