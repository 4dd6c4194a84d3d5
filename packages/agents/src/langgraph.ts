import { Command, INTERRUPT, interrupt, isInterrupted } from "@langchain/langgraph";
import { reviewToolCall, type ReviewBackend, type ReviewOptions, type ToolCall, type Verdict } from "./review";

type Schema<T> = { safeParse(value: unknown): { success: true; data: T } | { success: false } };
type Config = { toolCall?: { id?: string } };

/**
 * A LangGraph tool function that pauses for a human before it acts: it `interrupt`s with the
 * call, and the graph resumes with a Verdict (from `runWithCountersign`). Approve runs it as
 * proposed, edit runs it with the reviewer's arguments (checked against `schema`), reject and
 * wait return the reason to the model instead of running.
 */
export function reviewedByHuman<T, R>(toolName: string, schema: Schema<T>, run: (args: T) => Promise<R>) {
  return async (args: T, config?: Config): Promise<R | string> => {
    const verdict = interrupt<ToolCall, Verdict>({ toolCallId: config?.toolCall?.id ?? `${toolName}-call`, toolName, args });
    if (verdict.type === "approve") return run(args);
    if (verdict.type === "edit") {
      const edited = schema.safeParse(verdict.args);
      return edited.success ? run(edited.data) : "A human reviewer changed the arguments, but they do not fit the tool's schema: not run.";
    }
    return verdict.message;
  };
}

type Graph<I, O> = { invoke(input: I | Command, config: { configurable: { thread_id: string } }): Promise<O> };

/**
 * Runs a graph to its end, taking every interrupt raised by `reviewedByHuman` to a person in
 * Countersign and resuming with their verdict. Needs a checkpointer (the graph is resumed by thread).
 */
export async function runWithCountersign<I, O>(graph: Graph<I, O>, input: I, threadId: string, backend: ReviewBackend, options: ReviewOptions) {
  const config = { configurable: { thread_id: threadId } };
  let values = await graph.invoke(input, config);
  while (isInterrupted<ToolCall>(values)) {
    const resume: Record<string, Verdict> = {};
    for (const pending of values[INTERRUPT]) resume[pending.id!] = await reviewToolCall(backend, pending.value!, options);
    values = await graph.invoke(new Command({ resume }), config);
  }
  return values;
}
