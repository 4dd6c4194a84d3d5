import { PayloadView } from "../../../components/payload-view";
import { Table, Td, Th } from "../../../components/ui/table";
import { valueText, type Explanation } from "../utils/words";

/** What the humans changed: the AI output against what took effect, field by field. */
export function ExplanationChanges({ explanation }: { explanation: Explanation }) {
  const { changes, decision } = explanation;
  if (!decision || !changes) return <p>The review is not finished; nothing has taken effect yet.</p>;
  if (decision.outcome === "rejected") return <p>The AI output was rejected as a whole: it did not take effect, and nothing took its place.</p>;
  if (decision.outcome === "escalated") return <p>The case was escalated for a decision outside this review: the AI output did not take effect here.</p>;
  if (!changes.changed) return <p>No changes: the AI output took effect exactly as it was produced.</p>;
  if (changes.fields.length === 0) {
    return (
      <>
        <p>The output was replaced as a whole. What took effect:</p>
        <PayloadView payload={changes.finalOutput} label="Output that took effect" />
      </>
    );
  }
  return (
    <Table aria-label="Changes made, field by field" className="changes-table">
      <thead>
        <tr>
          <Th>Field</Th>
          <Th>Before (AI output)</Th>
          <Th>After (took effect)</Th>
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
