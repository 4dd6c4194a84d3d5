import { beforeEach, describe, expect, it } from "vitest";
import { flagKinds } from "@countersign/shared/indicators";
import { monitoringNotice, monitoringNoticeVersion } from "@countersign/shared/monitoring-notice";
import { statement } from "../../lib/prepared";
import { addUser, callerFor, testDeps } from "../../testing/fixtures";
import { acknowledgeMonitoringNotice } from "./notice";

let t: Awaited<ReturnType<typeof testDeps>>;
let reviewerUser: Awaited<ReturnType<typeof addUser>>;
let reviewer: Awaited<ReturnType<typeof callerFor>>;

const acknowledgements = () =>
  statement(t.deps.db, "SELECT actor_id AS actor, payload FROM audit_log WHERE action = 'monitoring_notice.acknowledged' ORDER BY seq").all<{
    actor: string;
    payload: string;
  }>();

beforeEach(async () => {
  t = testDeps();
  reviewerUser = await addUser(t.deps, "rev@example.com", ["reviewer"]);
  reviewer = callerFor(t.deps, reviewerUser);
});

describe("the notice of what Countersign measures about reviewers' work", () => {
  it("is shown until the reviewer acknowledges it, then not again for that version", async () => {
    expect(await reviewer.monitoringNotice.mine()).toMatchObject({ version: monitoringNoticeVersion, acknowledgedAt: null });
    t.advance(5);
    await expect(reviewer.monitoringNotice.acknowledge({ version: monitoringNoticeVersion })).resolves.toMatchObject({ recorded: true });
    expect(await reviewer.monitoringNotice.mine()).toMatchObject({ acknowledgedAt: "2026-11-22T09:00:05.000Z" });
  });

  it("is acknowledged once per version: acknowledging again records and audits nothing more", async () => {
    await reviewer.monitoringNotice.acknowledge({ version: monitoringNoticeVersion });
    t.advance(60);
    await expect(reviewer.monitoringNotice.acknowledge({ version: monitoringNoticeVersion })).resolves.toMatchObject({ recorded: false });
    const entries = await acknowledgements();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.actor).toBe(reviewerUser.id);
    expect(JSON.parse(entries[0]!.payload)).toMatchObject({ noticeVersion: monitoringNoticeVersion, noticeSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await reviewer.monitoringNotice.mine()).acknowledgedAt).toBe("2026-11-22T09:00:00.000Z");
  });

  it("asks again when the text's version changes: an earlier acknowledgement does not cover the new text", async () => {
    // An acknowledgement of an earlier version, as it would stand after the text was revised.
    await acknowledgeMonitoringNotice(t.deps, reviewerUser.id, monitoringNoticeVersion - 1);
    expect((await reviewer.monitoringNotice.mine()).acknowledgedAt).toBeNull();
    await expect(reviewer.monitoringNotice.acknowledge({ version: monitoringNoticeVersion - 1 })).rejects.toMatchObject({ code: "CONFLICT" });
    await reviewer.monitoringNotice.acknowledge({ version: monitoringNoticeVersion });
    expect((await acknowledgements()).map((e) => JSON.parse(e.payload).noticeVersion)).toEqual([monitoringNoticeVersion - 1, monitoringNoticeVersion]);
  });

  it("an auditor and an admin cannot acknowledge it: their work is not what the indicators measure", async () => {
    for (const [email, role] of [["audit@example.com", "auditor"], ["admin@example.com", "admin"]] as const) {
      const caller = callerFor(t.deps, await addUser(t.deps, email, [role]));
      await expect(caller.monitoringNotice.acknowledge({ version: monitoringNoticeVersion })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await acknowledgements()).toHaveLength(0);
  });

  it("lists every indicator the lead's dashboard flags, and says the deployer informs workers' representatives", () => {
    const text = JSON.stringify(monitoringNotice).toLowerCase();
    const words: Record<(typeof flagKinds)[number], RegExp> = {
      fast: /median against your peers/,
      near_floor: /minimum dwell time/,
      approval_rate: /approval rate against your peers/,
      gold_missed: /gold catch rate/,
      evidence_unopened: /evidence opened/,
      duplicate_rationale: /rationales that closely repeat/,
      approval_streak: /approvals in a row/,
      flat_confidence: /confidence bands/,
      switch_to_ai: /switched to the ai's answer/,
      day_drift: /later in the working day/,
      attention_wrong: /attention checks answered wrongly/,
    };
    for (const kind of flagKinds) expect(text, kind).toMatch(words[kind]);
    expect(text).toMatch(/deployer\) is responsible for informing and consulting workers' representatives.*\(art\. 26\(7\)\)/);
  });
});
