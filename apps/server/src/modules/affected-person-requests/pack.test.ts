import { beforeAll, describe, expect, it } from "vitest";
import { configureCheckpoints } from "../../audit/checkpoint";
import { signingKeyFor, signValue } from "../../audit/signing-key";
import type { Manifest } from "../export/manifest";
import { downloadPack, fromLines, linesOf, readPack, repack } from "../export/pack-testing";
import { verifyPack } from "../export/verify-pack";
import { requestSetting } from "./requests-testing";

const answer = "The AI system proposed a refund; a qualified reviewer rejected it after comparing the photo with the order.";
let s: Awaited<ReturnType<typeof requestSetting>>;
let pack: string;
let requestId: string;

beforeAll(async () => {
  s = await requestSetting();
  configureCheckpoints(s.t.deps.db, { everyEntries: 5, everyMinutes: 10 });
  ({ id: requestId } = await s.as.lead.affectedPersonRequests.record(s.request({ requesterReference: "CASE-8812 Jane Roe" })));
  await s.as.reviewer.affectedPersonRequests.answer({ requestId, answer });
  await s.as.reviewer.affectedPersonRequests.editAnswer({ requestId, answer: `${answer} You may send us your view.`, reason: "Added how to express a view" });
  await s.as.reviewer.affectedPersonRequests.recordReReview({ requestId, status: "requested" });
  s.t.advance(60);
  pack = await downloadPack(s.t, s.users.auditor, "system=refund-triage&from=2026-11-22T00:00:00Z&to=2026-11-23T00:00:00Z");
});

describe("affected people's requests in the proof pack", () => {
  it("are one line each, with every answer version and its audit entry, and no requester reference or answer text", async () => {
    const files = await readPack(pack);
    const text = files.get("affected-person-requests.jsonl")!.toString("utf8");
    expect(text).not.toContain("Jane Roe");
    expect(text).not.toContain("CASE-8812");
    expect(text).not.toContain("qualified reviewer rejected");
    const [line] = linesOf(files.get("affected-person-requests.jsonl")!).map((l) => JSON.parse(l));
    expect(line).toMatchObject({
      id: requestId,
      escalationId: s.escalationId,
      externalId: "order-1042",
      kind: "human_intervention",
      assigneeName: "rev",
      answeredInTime: true,
      answers: [expect.objectContaining({ version: 1, edited: false }), expect.objectContaining({ version: 2, edited: true })],
      reReview: { status: "requested", resultSha256: null },
    });
    expect(line.answers[1].answerSha256).toBe((await s.as.auditor.affectedPersonRequests.get({ requestId })).answer!.sha256);
    const manifest = JSON.parse(files.get("manifest.json")!.toString()) as Manifest;
    expect(manifest.files.map((f) => f.name)).toContain("affected-person-requests.jsonl");
    expect(manifest.counts.affectedPersonRequests).toBe(1);
    await expect(verifyPack(pack)).resolves.toMatchObject({ ok: true });
  });

  it("an answer that differs from what its audit entry recorded is named by its line", async () => {
    const tampered = await repack(
      pack,
      (files) => {
        const lines = linesOf(files.get("affected-person-requests.jsonl")!).map((l) => JSON.parse(l));
        lines[0].answers[1].answerSha256 = "0".repeat(64);
        files.set("affected-person-requests.jsonl", fromLines(lines.map((l) => JSON.stringify(l))));
      },
      "answer-edited.zip",
    );
    await expect(verifyPack(tampered)).resolves.toMatchObject({
      ok: false,
      file: "affected-person-requests.jsonl",
      line: 1,
      problem: expect.stringMatching(/answer version 2 differs from audit entry \d+ in answerSha256/),
    });
  });

  it("a pack that leaves the file out fails, unless it is of a format made before the file existed", async () => {
    const key = signingKeyFor(s.t.deps.db);
    const without = (format: string, name: string) =>
      repack(
        pack,
        (files) => {
          files.delete("affected-person-requests.jsonl");
          const { signature: _, ...content } = JSON.parse(files.get("manifest.json")!.toString()) as Manifest;
          const older = { ...content, format, files: content.files.filter((f) => f.name !== "affected-person-requests.jsonl") };
          files.set("manifest.json", Buffer.from(JSON.stringify({ ...older, signature: signValue(key.privateKey, older) })));
        },
        name,
      );
    await expect(verifyPack(await without("countersign-proof-pack/3", "no-requests.zip"))).resolves.toMatchObject({
      ok: false,
      problem: "does not list affected-person-requests.jsonl",
    });
    await expect(verifyPack(await without("countersign-proof-pack/2", "format-2.zip"))).resolves.toMatchObject({ ok: true });
  });
});
