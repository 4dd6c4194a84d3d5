import { describe, expect, it } from "vitest";
import { addSystem, addUser, callerFor, escalationBody, testDeps } from "../../testing/fixtures";
import { attend } from "../../testing/operations";
import { receiveEscalation } from "../escalations/receive";
import { checkpointSignatureValid, configureCheckpoints, createCheckpoint } from "../../audit/checkpoint";
import { publicKeyFromPem } from "../../audit/signing-key";

async function decidedEscalation() {
  const t = testDeps();
  configureCheckpoints(t.deps.db, { everyEntries: 1000, everyMinutes: 10 });
  const { system } = await addSystem(t.deps);
  const other = (await addSystem(t.deps, "other-system")).system;
  const { id } = await receiveEscalation(t.deps, system.id, escalationBody({ externalId: "order-1042" }));
  await receiveEscalation(t.deps, other.id, escalationBody({ externalId: "order-1042" }));
  const reviewer = await addUser(t.deps, "rev@example.com", ["reviewer"]);
  const caller = callerFor(t.deps, reviewer);
  await caller.queue.claim({ escalationId: id });
  await caller.reviews.openEvidence({ escalationId: id, evidenceIndex: 0 });
  await attend(t, caller, id, 35);
  t.advance(5);
  await caller.reviews.decide({
    escalationId: id,
    outcome: "modified",
    checklist: { "matches-request": "yes", "within-policy": "no" },
    rationale: "The photo shows damage but the amount exceeds the order line; refund the line price.",
    correctedOutput: '{"decision":"refund","amount":29.9,"currency":"EUR"}',
  });
  await createCheckpoint(t.deps.db, t.deps.now());
  const auditor = callerFor(t.deps, await addUser(t.deps, "aud@example.com", ["auditor"]));
  return { t, id, reviewer, auditor };
}

describe("the auditor's trail", () => {
  it("finds an escalation by externalId in every system, with what was shown, who decided, and each entry's proof", async () => {
    const { id, auditor } = await decidedEscalation();
    const trail = await auditor.audit.trail({ query: "order-1042" });
    expect(trail.matches.map((m) => m.escalation.system.slug).sort()).toEqual(["other-system", "refund-triage"]);
    const match = trail.matches.find((m) => m.escalation.id === id)!;
    expect(match.received.contextSummary).toBe("Second refund request this month; photo evidence attached.");
    expect(match.shown.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(match.claims).toEqual([expect.objectContaining({ reviewerName: "rev" })]);
    expect(match.verifications).toEqual([
      expect.objectContaining({
        reviewerName: "rev",
        outcome: "modified",
        activeSeconds: 35,
        evidenceOpened: [0],
        contentMatchesShown: true,
        qualification: expect.objectContaining({ training: "Oversight training for this AI system", authority: ["review", "override", "stop"] }),
      }),
    ]);
    expect(match.decision).toMatchObject({ outcome: "modified", finalOutput: { amount: 29.9 } });
    const actions = match.auditEntries.map((e) => e.action);
    expect(actions).toEqual(["escalation.received", "qualification.granted", "escalation.claimed", "escalation.evidence_opened", "escalation.decided"]);
    const key = publicKeyFromPem(trail.publicKey!.pem);
    for (const entry of match.auditEntries) {
      expect(entry.hashValid).toBe(true);
      expect(entry.checkpoint!.size).toBeGreaterThanOrEqual(entry.seq);
      expect(checkpointSignatureValid(entry.checkpoint!, key)).toBe(true);
    }
  });

  it("finds it by escalation id, and answers an unknown query with no matches", async () => {
    const { id, auditor } = await decidedEscalation();
    expect((await auditor.audit.trail({ query: id })).matches).toHaveLength(1);
    expect((await auditor.audit.trail({ query: "no-such-thing" })).matches).toEqual([]);
  });

  it("is not for reviewers", async () => {
    const { t, reviewer } = await decidedEscalation();
    await expect(callerFor(t.deps, reviewer).audit.trail({ query: "order-1042" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("the per-decision explanation (EU AI Act Art. 86)", () => {
  it("gives the AI output, the human's role, the rationale and each changed field", async () => {
    const { id, auditor } = await decidedEscalation();
    const page = await auditor.audit.explanation({ escalationId: id });
    expect(page.aiOutput).toEqual({ decision: "refund", amount: 39.9, currency: "EUR" });
    expect(page.humanRole).toMatch(/A qualified reviewer verified this output and corrected the AI output/);
    // Countersign knows what was decided and when the AI system read it, not what it did next.
    expect(page.humanRole).not.toMatch(/effect|every output is checked/i);
    expect(page.delivery).toEqual({ availableAt: page.decision!.decidedAt, fetchedAt: null });
    expect(page.decision).toMatchObject({ outcome: "modified", decidedBy: { name: "rev", role: "reviewer" } });
    expect(page.decision!.rationale).toContain("refund the line price");
    expect(page.changes).toEqual({
      changed: true,
      aiOutput: { decision: "refund", amount: 39.9, currency: "EUR" },
      finalOutput: { decision: "refund", amount: 29.9, currency: "EUR" },
      fields: [{ path: "amount", before: 39.9, after: 29.9 }],
    });
    expect(page.reviewers[0]!.qualification?.training).toBe("Oversight training for this AI system");
  });
});
