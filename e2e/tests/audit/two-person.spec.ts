import { expect, test } from "@playwright/test";
import { createReviewer, createTestSystem, escalation, qualifyReviewer, signInApi, trpcMutation, userIdByEmail } from "../../support/api";
import { signIn } from "../../support/ui";
import { verifyNext } from "../../support/verifications";

test("two-person rule: the first verification does not decide, two qualified reviewers disagree, a lead holding override for the system adopts one verification in Disputes, and the REST decision names the resolver and the qualification", async ({ browser }) => {
  const { slug, machine, id: systemId } = await createTestSystem("two-person", 1, { requiredVerifications: 2 });
  const body = escalation();
  const posted = await machine.post("/api/v1/escalations", { data: body });
  expect(posted.status()).toBe(201);
  const { id } = await posted.json();

  const first = await createReviewer("Ana First");
  const second = await createReviewer("Ben Second");
  await qualifyReviewer(first.id, systemId);
  await qualifyReviewer(second.id, systemId);

  // The first reviewer approves in the workbench; it is a verification, not yet a decision.
  const ana = await signIn(browser, first.email, first.password);
  await ana.goto(`/queue?system=${slug}`);
  await ana.getByRole("button", { name: "Claim next" }).click();
  await expect(ana).toHaveURL(new RegExp(`/review/${id}`));
  await ana.getByRole("radiogroup", { name: "The output answers the customer's request" }).getByRole("radio", { name: "Yes" }).check();
  await ana.getByRole("radiogroup", { name: "The refund is within policy" }).getByRole("radio", { name: "Yes" }).check();
  const anaRationale = "The blender failed on day two of three; order 5531 is well inside the 100 EUR limit, so refund it.";
  await ana.getByLabel("Rationale").fill(anaRationale);
  await expect(async () => {
    await ana.getByRole("button", { name: "Approve" }).click();
    await expect(ana).not.toHaveURL(new RegExp(`/review/${id}`), { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(ana.getByText("Verification recorded — a second reviewer must verify independently").first()).toBeVisible();
  const waiting = await (await machine.get(`/api/v1/escalations/${id}`)).json();
  expect(waiting.status).toBe("in_review");
  expect(waiting.decision).toBeUndefined();

  // Nobody verifies the same escalation twice.
  const anaApi = await signInApi(first.email, first.password);
  expect(await trpcMutation(anaApi, "queue.claimNext", { system: slug })).toBeNull();
  expect((await anaApi.post("/trpc/queue.claim", { data: { escalationId: id } })).status()).toBe(409);
  await anaApi.dispose();

  // The second reviewer, without seeing the first verdict, rejects.
  const benApi = await signInApi(second.email, second.password);
  const benRationale = "The customer's photos show water damage from misuse, which the policy excludes; reject this refund.";
  const { escalationId, result } = await verifyNext(benApi, slug, { outcome: "rejected", rationale: benRationale });
  await benApi.dispose();
  expect(escalationId).toBe(id);
  expect(result).toMatchObject({ status: "disputed", verificationsRecorded: 2, verificationsRequired: 2 });

  // A lead sees both verifications side by side; without a qualification for this system she cannot resolve it.
  const lead = await signIn(browser, "lead@demo.local");
  await lead.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /Disputes/ }).click();
  const dispute = lead.getByRole("region", { name: `Dispute ${body.externalId}` });
  await expect(dispute).toContainText("You cannot resolve this one: you hold no qualification for this AI system");
  await expect(dispute.getByRole("form", { name: `Resolve ${body.externalId}` })).toHaveCount(0);
  await qualifyReviewer(await userIdByEmail("lead@demo.local"), systemId, ["override"]);
  await lead.reload();
  await expect(dispute.getByRole("article", { name: "Verification 1 by Ana First" })).toContainText("approved");
  await expect(dispute.getByRole("article", { name: "Verification 1 by Ana First" })).toContainText(anaRationale);
  await expect(dispute.getByRole("article", { name: "Verification 2 by Ben Second" })).toContainText("rejected");
  await expect(dispute.getByRole("article", { name: "Verification 2 by Ben Second" })).toContainText(benRationale);
  const resolve = dispute.getByRole("form", { name: `Resolve ${body.externalId}` });
  // No outcome of her own: she adopts one of the recorded verifications.
  await resolve.getByRole("button", { name: "Record resolution" }).click();
  await expect(resolve.getByText("Choose the verification whose outcome becomes the decision.")).toBeVisible();
  await resolve.getByRole("radio", { name: /Adopt verification 2 by Ben Second: rejected/ }).check();
  await resolve.getByLabel("Rationale").fill("Too short");
  await resolve.getByRole("button", { name: "Record resolution" }).click();
  await expect(resolve.getByText("the resolution needs a rationale of at least 20 characters")).toBeVisible();
  const leadRationale = "The damage photos match the misuse exclusion in section 4; Ben's reading is right, so the refund is rejected.";
  await resolve.getByLabel("Rationale").fill(leadRationale);
  await resolve.getByRole("button", { name: "Record resolution" }).click();
  await expect(dispute).toHaveCount(0);

  const decided = await (await machine.get(`/api/v1/escalations/${id}`)).json();
  expect(decided.status).toBe("decided");
  expect(decided.decision).toMatchObject({
    outcome: "rejected",
    rationale: leadRationale,
    decidedBy: "Lena Fischer",
    verifications: [
      { outcome: "approved", rationale: anaRationale, decidedBy: "Ana First" },
      { outcome: "rejected", rationale: benRationale, decidedBy: "Ben Second" },
    ],
    resolution: {
      outcome: "rejected",
      rationale: leadRationale,
      resolvedBy: "Lena Fischer",
      basis: "adopted",
      qualification: { authority: ["override"], training: expect.any(String) },
    },
  });
});

test("two-person rule: a lead holding override resolves a dispute with her own verification on the review screen, which counts as one more verification", async ({ browser }) => {
  const { machine, slug, id: systemId } = await createTestSystem("two-person-own", 1, { requiredVerifications: 2 });
  const body = escalation();
  const { id } = await (await machine.post("/api/v1/escalations", { data: body })).json();
  for (const [name, outcome] of [
    ["Ana Own", "approved"],
    ["Ben Own", "rejected"],
  ] as const) {
    const account = await createReviewer(name);
    await qualifyReviewer(account.id, systemId);
    const api = await signInApi(account.email, account.password);
    await verifyNext(api, slug, { outcome, rationale: `${name} read the order and the photos, and decided ${outcome} on the refund policy.` });
    await api.dispose();
  }
  await qualifyReviewer(await userIdByEmail("lead@demo.local"), systemId, ["override"]);

  const lead = await signIn(browser, "lead@demo.local");
  await lead.goto("/disputes");
  const dispute = lead.getByRole("region", { name: `Dispute ${body.externalId}` });
  await dispute.getByRole("button", { name: "Record my own verification instead" }).click();
  await expect(lead).toHaveURL(new RegExp(`/review/${id}`));
  await lead.getByRole("radiogroup", { name: "The output answers the customer's request" }).getByRole("radio", { name: "No" }).check();
  await lead.getByRole("radiogroup", { name: "The refund is within policy" }).getByRole("radio", { name: "No" }).check();
  const own = "Neither reading settles it: the photos show misuse, so the refund is rejected under section 4 of the policy.";
  await lead.getByLabel("Rationale").fill(own);
  await lead.getByRole("group", { name: "Decision" }).getByRole("button", { name: /Reject/ }).click();
  await expect(lead).toHaveURL(/\/disputes$/);
  await expect(lead.getByRole("region", { name: `Dispute ${body.externalId}` })).toHaveCount(0);

  const decided = await (await machine.get(`/api/v1/escalations/${id}`)).json();
  expect(decided.decision).toMatchObject({
    outcome: "rejected",
    rationale: own,
    decidedBy: "Lena Fischer",
    resolution: { resolvedBy: "Lena Fischer", basis: "own_verification", qualification: { authority: ["override"] } },
  });
  expect(decided.decision.verifications.map((v: { decidedBy: string }) => v.decidedBy)).toEqual(["Ana Own", "Ben Own", "Lena Fischer"]);
});
