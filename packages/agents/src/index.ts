export { reviewToolCall, verdictOf, type ReviewBackend, type ReviewOptions, type ToolCall, type Verdict } from "./review";
export { restBackend } from "./rest-backend";
export { countersignApproval } from "./vercel-ai";
export { countersignInterruptions } from "./openai-agents";
export { reviewedByHuman, runWithCountersign } from "./langgraph";
