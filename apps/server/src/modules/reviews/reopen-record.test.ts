import { describe, expect, it } from "vitest";
import { defaultThresholds } from "@countersign/shared/indicators";
import { buildApp } from "../../app";
import { addSystem, addUser, callerFor, escalationBody, qualify, testDeps } from "../../testing/fixtures";
import { decideAs } from "../../testing/operations";
import { verifyAuditLog } from "../../audit/verify";
import { receiveEscalation } from "../escalations/receive";
import { downloadPack, fromLines, linesOf, readPack, repack } from "../export/pack-testing";
import { verifyPack } from "../export/verify-pack";
import { reviewerFigures } from "../indicators/figures";
import { breakdowns } from "../metrics/breakdowns";
import type { UserSummary } from "../users/queries";
import { inOrder } from "../../lib/in-order";

const reason = "The applicant's passport was reported stolen the day after the decision.";
const day = "system=kyc-check&from=2026-11-22T00:00:00Z&to=2026-11-23T00:00:00Z";

/**
 * Under the two-person rule, Ana and Ben disagree and Lena resolves it for Ben's rejection; Lena
 * then reopens the decision, and Cleo and Dan approve it in round 2.
 */
async function reversedDispute() {
  const t = testDeps();
  const { system } = await addSystem(t.deps, "kyc-check", { requiredVerifications: 2 });
  const [ana, ben, cleo, dan] = (await inOrder(["ana", "ben", "cleo", "dan"], (name) => addUser(t.deps, `${name}@example.com`, ["reviewer"]))) as UserSummary[];
  const lead = await addUser(t.deps, "lena@example.com", ["lead"]);
  await qualify(t.deps, lead.id, system.id, { authority: ["override"] });
  const auditor = await addUser(t.deps, "audit@example.com", ["auditor"]);
  const { id } = await receiveEscalation(t.deps, system.id, escalationBody({ externalId: "kyc-77" }));
  await decideAs(t, ana!, id, "approved");
  await expect(decideAs(t, ben!, id, "rejected")).resolves.toMatchObject({ status: "disputed" });
  const lena = callerFor(t.deps, lead);
  const [dispute] = await lena.reviews.disputes();
  const bens = dispute!.verifications.find((v) => v.reviewerName === "ben")!;
  await lena.reviews.resolve({ escalationId: id, verificationId: bens.id, rationale: "Ben's reading of the address mismatch is the right one." });
  t.advance(600);
  await lena.reviews.reopen({ escalationId: id, reason });
  // Round 2's disagreement-free decision: the first round's verifiers are not asked again.
  await decideAs(t, cleo!, id, "approved");
  await decideAs(t, dan!, id, "approved");
  t.advance(60);
  return { t, system, id, lead, auditor, ana: ana!, ben: ben! };
}

describe("a reversed decision in the record and the figures", () => {
  it("decision figures count the decision in force once; reviewer figures keep every verification, superseded too", async () => {
    const { t, system, ana } = await reversedDispute();
    const window = { from: Date.parse("2026-11-22T00:00:00Z"), to: Date.parse("2026-11-23T00:00:00Z") };
    const [byReason] = (await breakdowns(t.deps.db, system.id, window, { perReview: null, currency: null })).byReason;
    // One escalation, its two verifications in force (Cleo's and Dan's approvals): round 1's approval and rejection are not counted again.
    expect(byReason).toMatchObject({ escalations: 1, decisions: 2, approved: 2, overridden: 0 });

    const { reviewers } = await reviewerFigures(t.deps.db, { ...window, systemId: system.id, thresholds: defaultThresholds });
    // Ana's superseded approval is still her act: the indicators keep seeing it.
    expect(reviewers.get(ana.id)).toMatchObject({ decisions: 1, approvalRate: 1 });
    expect(reviewers.size).toBe(4);
  });

  it("the proof pack shows the rounds: the reopening with its reason, each verification's round and superseded time, the decision in force counted once", async () => {
    const { t, id, auditor } = await reversedDispute();
    const pack = await downloadPack(t, auditor, day);
    await expect(verifyPack(pack)).resolves.toMatchObject({ ok: true });
    const files = await readPack(pack);
    const [escalation] = linesOf(files.get("escalations.jsonl")!).map((l) => JSON.parse(l));
    expect(escalation).toMatchObject({ id, status: "decided", round: 2, reopenings: [{ round: 2, reopenedByName: "lena", reason, auditSeq: expect.any(Number) }] });
    expect(escalation.reopenings[0].previousDisputedAt).not.toBeNull();
    const verifications = linesOf(files.get("verifications.jsonl")!).map((l) => JSON.parse(l));
    expect(verifications.map((v) => [v.reviewerName, v.round, v.supersededAt === null])).toEqual([
      ["ana", 1, false],
      ["ben", 1, false],
      ["cleo", 2, true],
      ["dan", 2, true],
    ]);
    expect(linesOf(files.get("resolutions.jsonl")!).map((l) => JSON.parse(l))).toMatchObject([{ round: 1, supersededAt: expect.any(String) }]);
    const report = files.get("report.html")!.toString("utf8");
    expect(report).toMatch(/Escalations decided<\/th><td>1</);
    expect(report).toMatch(/Decisions reopened for a new review round[^<]*<\/th><td>1</);
    expect(report).toMatch(/Two-person disagreements<\/th><td>1</);

    // A reopening's reason changed after the fact no longer matches its audit entry.
    const tampered = await repack(
      pack,
      (f) => f.set("escalations.jsonl", fromLines(linesOf(f.get("escalations.jsonl")!).map((l) => l.replace("stolen", "found")))),
      "tampered.zip",
    );
    await expect(verifyPack(tampered)).resolves.toMatchObject({ ok: false, file: expect.stringMatching(/escalations.jsonl|manifest/) });
    expect((await verifyAuditLog(t.deps.db)).ok).toBe(true);
  });

  it("the auditor's trail lists every round: verifications with their round, both resolutions' rounds, the reopening", async () => {
    const { t, id, auditor } = await reversedDispute();
    const [match] = (await callerFor(t.deps, auditor).audit.trail({ query: id })).matches;
    expect(match!.escalation).toMatchObject({ round: 2 });
    expect(match!.verifications.map((v) => [v.reviewerName, v.round, v.supersededAt !== null])).toEqual([
      ["ana", 1, true],
      ["ben", 1, true],
      ["cleo", 2, false],
      ["dan", 2, false],
    ]);
    expect(match!.resolution).toBeNull();
    expect(match!.reopenings).toMatchObject([{ round: 2, reopenedByName: "lena", reason, supersededResolution: { leadName: "lena", outcome: "rejected" } }]);
    expect(match!.auditEntries.map((e) => e.action)).toContain("escalation.reopened");

    // The printable explanation (Art. 86) names the reviewers of the decision in force and says it was reopened, and why.
    const explanation = await callerFor(t.deps, auditor).audit.explanation({ escalationId: id });
    expect(explanation.reviewers.map((r) => r.name)).toEqual(["cleo", "dan"]);
    expect(explanation.humanRole).toMatch(/reopened an earlier decision on this output once/);
    expect(explanation.reopenings).toMatchObject([{ round: 2, name: "lena", reason }]);
  });

  it("a new round may be disputed and resolved again: each round keeps its own resolution, and REST shows both", async () => {
    const t = testDeps();
    const { system, key } = await addSystem(t.deps, "kyc-check", { requiredVerifications: 2 });
    const [ana, ben, cleo, dan] = (await inOrder(["ana", "ben", "cleo", "dan"], (name) => addUser(t.deps, `${name}@example.com`, ["reviewer"]))) as UserSummary[];
    const lead = await addUser(t.deps, "lena@example.com", ["lead"]);
    await qualify(t.deps, lead.id, system.id, { authority: ["override"] });
    const lena = callerFor(t.deps, lead);
    const { id } = await receiveEscalation(t.deps, system.id, escalationBody({ externalId: "kyc-78" }));
    const disputeAndResolve = async (approver: UserSummary, rejecter: UserSummary, adopt: string) => {
      await decideAs(t, approver, id, "approved");
      await decideAs(t, rejecter, id, "rejected");
      const [dispute] = await lena.reviews.disputes();
      expect(dispute!.verifications.map((v) => v.reviewerName)).toEqual([approver.name, rejecter.name]);
      const chosen = dispute!.verifications.find((v) => v.reviewerName === adopt)!;
      await lena.reviews.resolve({ escalationId: id, verificationId: chosen.id, rationale: `Adopting ${adopt}'s verification after reading both.` });
    };
    await disputeAndResolve(ana!, ben!, "ben");
    await lena.reviews.reopen({ escalationId: id, reason });
    await disputeAndResolve(cleo!, dan!, "cleo");
    const app = buildApp(t.deps);
    const body = (await (await app.request(`/api/v1/escalations/${id}`, { headers: { authorization: `Bearer ${key}` } })).json()) as Record<string, any>;
    expect(body).toMatchObject({ round: 2, decision: { outcome: "approved", resolution: { outcome: "approved", resolvedBy: "lena" } } });
    expect(body.earlierRounds[0].decision).toMatchObject({ outcome: "rejected", resolution: { outcome: "rejected" } });
  });
});
