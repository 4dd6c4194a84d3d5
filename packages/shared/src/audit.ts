import { z } from "zod";

/** The one closed set of audit actions, named entity.verb. Adding an action means adding it here. */
export const auditActions = [
  "escalation.received",
  "escalation.claimed",
  "escalation.released",
  "escalation.lease_expired",
  "escalation.evidence_opened",
  "escalation.judged",
  "escalation.decided",
  "gold.added",
  "gold.deactivated",
  "gold.copy_queued",
  "auth.signed_in",
  "auth.sign_in_failed",
  "auth.signed_out",
  "auth.locked_out",
  "user.created",
  "user.updated",
  "user.roles_changed",
  "user.password_reset",
  "system.created",
  "system.updated",
  "system.policy_changed",
  "api_key.issued",
  "api_key.revoked",
  "system.business_case_changed",
  "system.halted",
  "system.resumed",
  "system.state_seen",
  "volume.reported",
  "alert.drift_raised",
  "alert.drift_cleared",
  "readiness.review_recorded",
  "qualification.granted",
  "qualification.revoked",
  "escalation.verified",
  "escalation.disputed",
  "escalation.resolved",
  "export.proof_pack",
  "retention.purged",
  "legal_hold.placed",
  "legal_hold.lifted",
  "escalation.decision_fetched",
  "escalation.expired",
] as const;
export const auditActionSchema = z.enum(auditActions);
export type AuditAction = z.infer<typeof auditActionSchema>;

export const actorTypes = ["user", "ai_system", "operator", "server"] as const;
export type ActorType = (typeof actorTypes)[number];
