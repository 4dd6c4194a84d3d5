import { useParams } from "react-router";
import { ExplanationScreen } from "../../features/explanation/components/explanation-screen";

/** A printable explanation of one decision (EU AI Act Art. 86). */
export function ExplanationPage() {
  const { escalationId = "" } = useParams();
  return (
    <div className="page explanation-page">
      <ExplanationScreen key={escalationId} escalationId={escalationId} />
    </div>
  );
}
