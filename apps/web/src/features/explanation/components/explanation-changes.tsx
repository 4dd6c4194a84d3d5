import { PayloadView } from "../../../components/payload-view";
import { Table, Td, Th } from "../../../components/ui/table";
import { valueText, type Explanation } from "../utils/words";

/** What the humans changed: the AI output against the decided output, field by field. */
export function ExplanationChanges({ explanation }: { explanation: Explanation }) {
  const { changes, decision } = explanation;
  if (!decision || !changes) return <p>The review is not finished; no decision has been made yet.</p>;
  if (decision.outcome === "rejected") return <p>The AI output was rejected as a whole; the decision offers no output in its place.</p>;
  if (decision.outcome === "escalated") return <p>The case was escalated for a decision outside this review; this review approved no output.</p>;
  if (!changes.changed) return <p>No changes: the decision confirms the AI output exactly as it was produced.</p>;
  if (changes.fields.length === 0) {
    return (
      <>
        <p>The output was replaced as a whole. The decided output:</p>
        <PayloadView payload={changes.finalOutput} label="Decided output" />
      </>
    );
  }
  return (
    <Table aria-label="Changes made, field by field" className="changes-table">
      <thead>
        <tr>
          <Th>Field</Th>
          <Th>Before (AI output)</Th>
          <Th>After (decided)</Th>
        </tr>
      </thead>
      <tbody>
        {changes.fields.map((field) => (
          <tr key={field.path}>
            <Td className="mono">{field.path}</Td>
            <Td>
              <span className="change-value">{valueText(field.before)}</span>
            </Td>
            <Td>
              <span className="change-value">{valueText(field.after)}</span>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
