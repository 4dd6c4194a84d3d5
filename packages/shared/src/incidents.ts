import { UTCDate } from "@date-fns/utc";
import { addDays } from "date-fns";
import { z } from "zod";
import { wellFormedText } from "./exact";

/**
 * The kinds of incident a deployer records, each with the reporting clock that applies under
 * Regulation (EU) 2024/1689. The Art. 73 clocks bind the provider's report to the market
 * surveillance authorities; a deployer that identifies a serious incident must immediately inform
 * first the provider, then the importer or distributor and the market surveillance authorities
 * (Art. 26(5)), and Art. 73 applies to the deployer mutatis mutandis where it cannot reach the
 * provider. Countersign holds every serious incident to the Art. 73 clock, counted from the
 * moment the deployer became aware, so the deployer's own notification is never later than it.
 */
export const incidentKinds = {
  serious_incident: {
    label: "Serious incident",
    reportWithinDays: 15,
    article: "Art. 73(2)",
    rule: "Report immediately after a causal link between the AI system and the incident (or its reasonable likelihood) is established, and not later than 15 days after becoming aware of it (EU AI Act Art. 73(2)).",
  },
  critical_infrastructure_or_widespread: {
    label: "Widespread infringement, or serious and irreversible disruption of critical infrastructure",
    reportWithinDays: 2,
    article: "Art. 73(3)",
    rule: "A widespread infringement, or a serious incident as defined in Art. 3(49)(b) (serious and irreversible disruption of the management or operation of critical infrastructure): report immediately, and not later than 2 days after becoming aware of it (EU AI Act Art. 73(3)).",
  },
  death: {
    label: "Death of a person",
    reportWithinDays: 10,
    article: "Art. 73(4)",
    rule: "Death of a person: report immediately after a causal relationship is established or as soon as it is suspected, and not later than 10 days after becoming aware of the incident (EU AI Act Art. 73(4)).",
  },
  malfunction: {
    label: "Malfunction (not a serious incident)",
    reportWithinDays: null,
    article: "Art. 26(5)",
    rule: "No statutory clock. Where use according to the instructions may present a risk within the meaning of Art. 79(1), inform the provider or distributor and the market surveillance authority without undue delay and suspend use of the system (EU AI Act Art. 26(5)).",
  },
} as const satisfies Record<string, { label: string; reportWithinDays: number | null; article: string; rule: string }>;

export type IncidentKind = keyof typeof incidentKinds;
export const incidentKindValues = Object.keys(incidentKinds) as [IncidentKind, ...IncidentKind[]];

export const incidentSeverities = ["low", "medium", "high", "critical"] as const;
export type IncidentSeverity = (typeof incidentSeverities)[number];

export const incidentStatuses = ["open", "reported", "closed"] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];

/**
 * Who was informed. The Art. 73 report goes to the market surveillance authority; under Art. 26(5)
 * the deployer informs the provider first, then the importer or distributor and the authority.
 */
export const notifiedParties = {
  provider: "Provider",
  market_surveillance_authority: "Market surveillance authority",
  importer_or_distributor: "Importer or distributor",
  other: "Other",
} as const;
export type NotifiedParty = keyof typeof notifiedParties;
export const notifiedPartyValues = Object.keys(notifiedParties) as [NotifiedParty, ...NotifiedParty[]];

/**
 * When the report to the market surveillance authority is due, or null for a kind without a
 * statutory clock. Counted as whole days of 24 hours from the moment of awareness: never later
 * than the deadline under Regulation (EEC, Euratom) No 1182/71, which would run to the end of the last day.
 */
export function reportDueAt(kind: IncidentKind, awareAt: string | number): string | null {
  const days = incidentKinds[kind].reportWithinDays;
  if (days === null) return null;
  return addDays(new UTCDate(typeof awareAt === "number" ? awareAt : Date.parse(awareAt)), days).toISOString();
}

/** An incident is overdue when its report to the authority was due and none has been recorded. */
export function reportOverdue(incident: { reportDueAt: string | null; authorityNotifiedAt: string | null }, now: number): boolean {
  return incident.reportDueAt !== null && incident.authorityNotifiedAt === null && Date.parse(incident.reportDueAt) <= now;
}

const isoInstant = (field: string) =>
  z.iso.datetime({ offset: true, error: `${field} must be an ISO 8601 date-time with its offset, e.g. 2026-11-22T09:00:00Z` });

const escalationRef = wellFormedText("escalations").trim().min(1, "an escalation is named by its id or externalId").max(200);

export const recordIncidentInputSchema = z
  .strictObject({
    systemId: wellFormedText("systemId").trim().min(1, "systemId is required"),
    title: wellFormedText("title").trim().min(5, "title must be at least 5 characters").max(200, "title must be at most 200 characters"),
    description: wellFormedText("description")
      .trim()
      .min(20, "description must be at least 20 characters: say what happened and to whom")
      .max(10_000, "description must be at most 10000 characters"),
    kind: z.enum(incidentKindValues, { error: `kind must be one of ${incidentKindValues.join(", ")}` }),
    severity: z.enum(incidentSeverities, { error: `severity must be one of ${incidentSeverities.join(", ")}` }),
    occurredAt: isoInstant("occurredAt"),
    awareAt: isoInstant("awareAt"),
    /** Escalations of the same AI system, by id or by the AI system's externalId. */
    escalations: z.array(escalationRef).max(100, "link at most 100 escalations to one incident").default([]),
  })
  .refine((input) => Date.parse(input.occurredAt) <= Date.parse(input.awareAt), {
    message: "awareAt must not be before occurredAt: one becomes aware of an incident once it has occurred",
    path: ["awareAt"],
  });
export type RecordIncidentInput = z.input<typeof recordIncidentInputSchema>;

export const recordNotificationInputSchema = z.strictObject({
  incidentId: wellFormedText("incidentId").trim().min(1, "incidentId is required"),
  party: z.enum(notifiedPartyValues, { error: `party must be one of ${notifiedPartyValues.join(", ")}` }),
  /** Who exactly, e.g. the authority's name or the provider's contact. */
  recipient: wellFormedText("recipient").trim().min(2, "recipient must be at least 2 characters: name who was informed").max(300),
  notifiedAt: isoInstant("notifiedAt"),
  /** How and what was sent: channel, reference number, whether it was an initial report (Art. 73(5)). */
  note: wellFormedText("note").trim().max(2000, "note must be at most 2000 characters").default(""),
});
export type RecordNotificationInput = z.input<typeof recordNotificationInputSchema>;

const reasonSchema = (what: string) =>
  wellFormedText("reason").trim().min(10, `${what} must be at least 10 characters`).max(1000, `${what} must be at most 1000 characters`);

export const releaseIncidentHoldInputSchema = z.strictObject({
  incidentId: wellFormedText("incidentId").trim().min(1, "incidentId is required"),
  reason: reasonSchema("the reason for releasing the hold"),
});

export const closeIncidentInputSchema = z.strictObject({
  incidentId: wellFormedText("incidentId").trim().min(1, "incidentId is required"),
  reason: reasonSchema("the reason for closing the incident"),
});

/** Escalations that turn out to belong to an incident already recorded: linked, and held, from then on. */
export const linkIncidentEscalationsInputSchema = z.strictObject({
  incidentId: wellFormedText("incidentId").trim().min(1, "incidentId is required"),
  escalations: z.array(escalationRef).min(1, "escalations must name at least one escalation, by its id or externalId").max(100, "link at most 100 escalations at once"),
});
export type LinkIncidentEscalationsInput = z.input<typeof linkIncidentEscalationsInputSchema>;

export const incidentInputSchema = z.strictObject({ incidentId: wellFormedText("incidentId").trim().min(1, "incidentId is required") });
export const incidentsInputSchema = z.strictObject({ systemId: wellFormedText("systemId").trim().min(1).optional() });

export type IncidentNotification = {
  id: string;
  party: NotifiedParty;
  recipient: string;
  notifiedAt: string;
  note: string;
  recordedBy: string;
  recordedAt: string;
};

export type IncidentSummary = {
  id: string;
  systemId: string;
  systemSlug: string;
  title: string;
  kind: IncidentKind;
  severity: IncidentSeverity;
  status: IncidentStatus;
  occurredAt: string;
  awareAt: string;
  reportDueAt: string | null;
  authorityNotifiedAt: string | null;
  overdue: boolean;
  holdActive: boolean;
  escalationCount: number;
  recordedAt: string;
};

export type IncidentDetail = IncidentSummary & {
  description: string;
  recordedBy: string;
  closedAt: string | null;
  closeReason: string | null;
  holdReleasedAt: string | null;
  holdReleasedBy: string | null;
  holdReleaseReason: string | null;
  notifications: IncidentNotification[];
  escalations: { id: string; externalId: string; status: string; receivedAt: string; purgedAt: string | null }[];
};
