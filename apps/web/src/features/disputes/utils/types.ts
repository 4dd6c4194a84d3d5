import type { RouterOutputs } from "../../../lib/trpc";

export type Dispute = RouterOutputs["reviews"]["disputes"][number];
export type DisputeVerification = Dispute["verifications"][number];
