import type { Role } from "./enums";
import type { Authority } from "./qualifications";

/**
 * Who holds a permission:
 * - `anyone`: also a visitor who is not signed in;
 * - `session`: any signed-in user of the workbench;
 * - `roles`: a signed-in user holding at least one of these roles. Where `qualification` is set,
 *   the role only lets the request in: the use case then also requires a qualification in force
 *   for the AI system concerned that grants this authority (checked inside the verb, where the
 *   system is known; the entry's comment says where, and who is exempt);
 * - `apiKey`: an AI system, by one of its API keys; it acts only on its own system's data.
 */
export type PermissionRule =
  | { holder: "anyone" }
  | { holder: "session" }
  | { holder: "roles"; roles: readonly Role[]; qualification?: Authority }
  | { holder: "apiKey" };

const everyRole = ["reviewer", "lead", "auditor", "admin"] as const satisfies readonly Role[];
/** Leads steer by the figures, auditors check them, admins set the case they are held against. */
const oversight = ["lead", "auditor", "admin"] as const satisfies readonly Role[];

/**
 * Every permission of Countersign, once. Each tRPC procedure is built with one of them
 * (`procedureWith("resolveDisputes")`), each HTTP route declares one, and the web app's guards and
 * menus read the same entries; a test fails when a procedure or route has none, and the
 * authorisation matrix test checks every procedure and route against this table.
 */
export const can = {
  // The workbench's doors
  /** The web app's own page and files, and `GET /healthz` and `GET /readyz`: nothing in them is private. */
  openWorkbench: { holder: "anyone" },
  /**
   * `GET /metrics` for Prometheus: no role, a machine's door. With COUNTERSIGN_METRICS_TOKEN set it
   * needs that token as a bearer token (modules/operations/metrics.ts); unset, bind to localhost.
   */
  scrapeMetrics: { holder: "anyone" },
  /**
   * The instance's public signing key (`GET /api/v1/public-key`), which verifies the signed stop
   * state, audit checkpoints and proof packs: public by design, so anyone can check a signature.
   */
  readPublicKey: { holder: "anyone" },
  /** The REST API's description (`GET /api/v1/openapi.json`) and its interactive reference (`/api/v1/docs`). */
  readApiDescription: { holder: "anyone" },
  /**
   * Sign in, with a password or through single sign-on (`GET /auth/oidc/login`, and the identity
   * provider's return to `GET /auth/oidc/callback`); ask how this instance signs people in, whether
   * it is a demo, and who is signed in (nobody, before sign-in).
   */
  signIn: { holder: "anyone" },
  /** End one's own session. */
  signOut: { holder: "session" },
  /** Choose which notifications one hears, by which channel and how often; set one's own chat webhook. */
  manageOwnNotifications: { holder: "session" },

  // Reviewers' work
  /** See the queue of escalations (reviewers to work it, the others to watch it). */
  readQueue: { holder: "roles", roles: everyRole },
  /** See the registered AI systems and whether a human has stopped one. */
  readSystems: { holder: "roles", roles: everyRole },
  /**
   * Claim, open, judge and decide escalations; release a claim. Only for AI systems the reviewer
   * holds a qualification in force for with the review authority; modifying or rejecting the AI
   * output also needs the override authority (queue/claim.ts, reviews/decide.ts).
   */
  reviewEscalations: { holder: "roles", roles: ["reviewer"], qualification: "review" },
  /**
   * Work an escalation one holds a live lease on: open it, judge it, open its evidence, send the
   * review screen's heartbeats, decide, release. Reviewers hold leases by claiming; a lead holds one
   * only after taking up a dispute to record their own verification as its resolver
   * (reviews.takeUpDispute, which needs resolveDisputes). The verbs admit only the lease holder.
   */
  workLeasedEscalations: { holder: "roles", roles: ["reviewer", "lead"] },
  /**
   * Read and acknowledge the notice of what Countersign measures about one's own work (Art. 26(7)
   * context): reviewers, whose work the indicators measure; leads too, who verify when they resolve.
   */
  acknowledgeMonitoringNotice: { holder: "roles", roles: ["reviewer", "lead"] },

  // Leads
  /** The lead's dashboard: queue health and rubber-stamp indicators with the decisions behind each flag. */
  readDashboard: { holder: "roles", roles: ["lead", "admin"] },
  /** See the two-person reviews whose verifications disagreed (admins read-only). */
  readDisputes: { holder: "roles", roles: ["lead", "admin"] },
  /**
   * Resolve a disagreement of a two-person review: the resolver also needs a qualification in force
   * for the escalation's AI system with the override authority (checked in reviews/resolve.ts).
   */
  resolveDisputes: { holder: "roles", roles: ["lead"], qualification: "override" },
  /**
   * Reopen a decided escalation for a new review round, with a reason (EU AI Act Art. 14(4)(d):
   * reverse the output). The earlier decision stays in the record, superseded. Leads only, and only
   * with a qualification in force for the escalation's AI system granting override — the authority
   * that resolves disputes (checked in reviews/reopen.ts). Reviewers may not reopen (their own work
   * included), auditors only read, and admins configure systems rather than hold decision authority.
   */
  reopenDecisions: { holder: "roles", roles: ["lead"], qualification: "override" },
  /**
   * Press stop on an AI system, and resume it (EU AI Act Art. 14(4)(e)): admins, and others only
   * with a qualification in force for that system with the stop authority (checked in systems/halt.ts).
   */
  stopSystems: { holder: "roles", roles: ["reviewer", "lead", "admin"], qualification: "stop" },
  /** Record a readiness review: the lead holds it and answers for its verdict. */
  recordReadinessReviews: { holder: "roles", roles: ["lead"] },

  // Oversight figures and the audit trail
  /** Verification rate, breakdowns, cost per item against the business case, drift, layer conflicts. */
  readMetrics: { holder: "roles", roles: oversight },
  /** Read every version of a system's instructions for use: the people who configure, steer or audit its oversight. */
  readInstructionsForUse: { holder: "roles", roles: ["admin", "lead", "auditor"] },
  /** A system's readiness reviews and what is due. */
  readReadiness: { holder: "roles", roles: oversight },
  /** The audit log: any AI output's full trail, the escalation timeline, the decision's explanation, log integrity. */
  readAuditTrail: { holder: "roles", roles: oversight },
  /** Download a proof pack of a system and period (`GET /exports/proof-pack`); every export is audited. */
  exportProofPacks: { holder: "roles", roles: ["auditor", "lead", "admin"] },
  /**
   * Place and lift legal holds that keep a system's or an escalation's content from the retention
   * purge: admins answer for the systems' configuration, leads for their operation and are the
   * first to learn of a complaint, incident or authority's request. Reviewers may not (a hold
   * decides what of their own work is kept); auditors read holds (readAuditTrail) but do not place them.
   */
  manageLegalHolds: { holder: "roles", roles: ["lead", "admin"] },
  /**
   * Record a request from an affected person about a decision (EU AI Act Art. 86, GDPR Art. 22(3)),
   * route it to a qualified person, route it again, extend its due date: leads, who run the team
   * that answers, and admins. Reviewers answer what is routed to them; auditors read.
   */
  recordAffectedPersonRequests: { holder: "roles", roles: ["lead", "admin"] },
  /**
   * See the requests routed to oneself, answer them, change an answer, record a re-review. The verbs
   * admit only the request's assignee, who must still hold a qualification in force for its AI
   * system with an authority the request's kind needs (review or override; override to contest).
   */
  answerAffectedPersonRequests: { holder: "roles", roles: ["reviewer", "lead"] },
  /** Every affected person's request, its answer and the printable answer. */
  readAffectedPersonRequests: { holder: "roles", roles: oversight },
  /** See the incidents of the AI systems, their reporting clocks, notifications and holds (EU AI Act Art. 26(5), 73). */
  readIncidents: { holder: "roles", roles: oversight },
  /**
   * Record a serious incident or malfunction (which places a legal hold on its escalations), record
   * who was informed and when, close it: leads run the operation and are the first to learn of an
   * incident, admins answer for the systems. Reviewers report to their lead; auditors only read.
   * Releasing an incident's hold needs manageLegalHolds, like lifting any other hold.
   */
  recordIncidents: { holder: "roles", roles: ["lead", "admin"] },
  /** Download an incident's signed pack for the provider (`GET /exports/incident-pack`); every export is audited. */
  exportIncidentPacks: { holder: "roles", roles: oversight },
  /** See reviewers' qualifications: training, authority, validity. */
  readQualifications: { holder: "roles", roles: ["admin", "lead", "auditor"] },
  /** See a system's gold items and their expected outcomes. */
  readGoldItems: { holder: "roles", roles: ["admin", "lead"] },

  // Admins
  /** Register AI systems; change their description, review policy and business case. */
  configureSystems: { holder: "roles", roles: ["admin"] },
  /**
   * Record a new version of a system's instructions for use (EU AI Act Art. 13, 26(1)): those who
   * manage the systems. Every version stays; reviewers read the one in force on the review screen.
   */
  editInstructionsForUse: { holder: "roles", roles: ["admin"] },
  /** List, issue and revoke a system's API keys. */
  manageApiKeys: { holder: "roles", roles: ["admin"] },
  /** Add, import and retire gold items in the workbench. */
  manageGoldItems: { holder: "roles", roles: ["admin"] },
  /**
   * A system's webhook endpoints in the workbench: add, delete, rotate the secret, read the delivery
   * log, redeliver. The secret is shown once, to whoever added or rotated it.
   */
  manageWebhooks: { holder: "roles", roles: ["admin"] },
  /** Grant and revoke reviewers' qualifications. */
  manageQualifications: { holder: "roles", roles: ["admin"] },
  /** List users; create them, change their roles, deactivate them. */
  manageUsers: { holder: "roles", roles: ["admin"] },
  /** Connect teams' chat channels to notifications; see the messages that failed to go out. */
  manageNotifications: { holder: "roles", roles: ["admin"] },

  // AI systems, over REST (`/api/v1`)
  /** Hand an output to humans (`POST /api/v1/escalations`). */
  submitEscalations: { holder: "apiKey" },
  /** Read one's own escalations and their decisions back (`GET /api/v1/escalations…`). */
  readDecisions: { holder: "apiKey" },
  /** Report how many outputs the system produced in a period (`POST /api/v1/volume`). */
  reportVolume: { holder: "apiKey" },
  /** Read whether a human has pressed stop on the system (`GET /api/v1/system`). */
  readStopState: { holder: "apiKey" },
  /**
   * The MCP endpoint (`/mcp`): its tools request a review, read a decision and read the stop state,
   * exactly what submitEscalations, readDecisions and readStopState allow over REST.
   */
  useMcp: { holder: "apiKey" },
  /** Register, list, delete the system's own webhook endpoints and rotate their secrets (`/api/v1/webhook-endpoints`). */
  manageWebhookEndpoints: { holder: "apiKey" },
  /** Add gold items for the system's reviewers (`POST /api/v1/gold-items`). */
  submitGoldItems: { holder: "apiKey" },
  /** Read the system's own instructions for use in force (`GET /api/v1/system/instructions`). */
  readOwnInstructionsForUse: { holder: "apiKey" },
} as const satisfies Record<string, PermissionRule>;

export type Permission = keyof typeof can;
type HolderOf<H extends PermissionRule["holder"]> = {
  [P in Permission]: (typeof can)[P]["holder"] extends H ? P : never;
}[Permission];
/** Permissions held by roles: the ones a signed-in user's roles decide. */
export type RolePermission = HolderOf<"roles">;
/** Permissions that need a signed-in workbench user: any session, or certain roles. */
export type SignedInPermission = HolderOf<"session"> | RolePermission;
export type ApiKeyPermission = HolderOf<"apiKey">;
export type AnyonePermission = HolderOf<"anyone">;

export const permissions = Object.keys(can) as Permission[];

/** The roles that hold a permission (empty for one held by anyone, any session or an API key). */
export function rolesWith(permission: Permission): readonly Role[] {
  const rule: PermissionRule = can[permission];
  return rule.holder === "roles" ? rule.roles : [];
}

/**
 * Whether a workbench user (null when signed out) holds a permission by their roles. A
 * qualification the permission also needs is checked by the server for the system concerned.
 */
export function hasPermission(user: { roles: readonly Role[] } | null | undefined, permission: Permission): boolean {
  const rule: PermissionRule = can[permission];
  switch (rule.holder) {
    case "anyone":
      return true;
    case "session":
      return !!user;
    case "roles":
      return !!user && user.roles.some((role) => rule.roles.includes(role));
    case "apiKey":
      return false;
  }
}

/** "the lead or admin role", for messages that say why a request or page is refused. */
export function describeHolders(permission: Permission): string {
  const rule: PermissionRule = can[permission];
  switch (rule.holder) {
    case "anyone":
      return "nothing (open to anyone)";
    case "session":
      return "a signed-in session";
    case "roles":
      return `the ${rule.roles.join(" or ")} role`;
    case "apiKey":
      return "an AI system's API key";
  }
}
