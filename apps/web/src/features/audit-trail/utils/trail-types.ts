import type { RouterOutputs } from "../../../lib/trpc";

export type Trail = RouterOutputs["audit"]["trail"]["matches"][number];
export type TrailVerification = Trail["verifications"][number];
export type TrailEntry = Trail["auditEntries"][number];
