import type { OversightMode } from "@countersign/shared/enums";

export const oversightModeText: Record<OversightMode, string> = {
  HITL: "HITL — human in the loop: every output is meant to be sent for review",
  HOTL: "HOTL — human on the loop: exceptions only",
  HIC: "HIC — human in command: no per-item review; humans can stop the system",
};
