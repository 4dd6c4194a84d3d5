import { expect, test } from "@playwright/test";
import { createReviewer, createTestSystem, escalation } from "../../support/api";
import { signIn } from "../../support/ui";

test("an auditor cannot claim, decide or change anything: no such controls in the workbench, and the server answers 403", async ({ browser }) => {
  const { slug, machine, id: systemId } = await createTestSystem("auditor-read-only", 1);
  const body = escalation();
  const posted = await machine.post("/api/v1/escalations", { data: body });
  expect(posted.status()).toBe(201);
  const { id } = await posted.json();
  const someone = await createReviewer("Otto Bystander");

  const auditor = await signIn(browser, "auditor@demo.local");
  const nav = auditor.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Audit" })).toBeVisible();
  await expect(nav.getByRole("link", { name: /AI systems|Users|Disputes|Dashboard/ })).toHaveCount(0);

  // The queue is read-only for an auditor: the escalation is listed, with nothing to claim.
  await auditor.goto(`/queue?system=${slug}`);
  await expect(auditor.getByText(body.externalId)).toBeVisible();
  await expect(auditor.getByRole("button", { name: /Claim/ })).toHaveCount(0);

  // The timeline and the trail offer no decision.
  await auditor.goto(`/escalations/${id}`);
  await expect(auditor.getByRole("heading", { name: body.externalId })).toBeVisible();
  await expect(auditor.getByRole("button", { name: /Approve|Reject|Modify|Escalate|Claim|Release/ })).toHaveCount(0);
  await auditor.goto(`/audit?q=${body.externalId}`);
  await expect(auditor.getByRole("article", { name: `Trail of ${body.externalId}` })).toBeVisible();
  await expect(auditor.getByRole("button", { name: /Approve|Reject|Modify|Claim|Revoke|Grant|Resolve|Record/ })).toHaveCount(0);

  // Admin and lead screens explain the refusal instead of showing controls.
  for (const path of ["/admin/systems", `/admin/systems/${systemId}`, "/admin/users", "/disputes"]) {
    await auditor.goto(path);
    await expect(auditor.getByText("You do not have access to this page")).toBeVisible();
  }

  // The server refuses whatever the page does not show.
  const refused: [string, unknown][] = [
    ["queue.claimNext", {}],
    ["queue.claim", { escalationId: id }],
    [
      "reviews.decide",
      { escalationId: id, outcome: "approved", checklist: { "answers-request": "yes", "within-policy": "yes" }, rationale: "An auditor tries to approve this escalation directly." },
    ],
    ["reviews.resolve", { escalationId: id, verificationId: "ver_unknown", rationale: "An auditor tries to resolve this escalation directly." }],
    ["reviews.takeUpDispute", { escalationId: id }],
    ["systems.halt", { systemId, reason: "An auditor tries to halt the system." }],
    ["systems.create", { slug: `auditor-made-${Date.now().toString(36)}`, name: "Auditor made", description: "", oversightMode: "HOTL" }],
    [
      "qualifications.grant",
      {
        userId: someone.id,
        systemId,
        training: "An auditor tries to qualify a reviewer",
        obtainedAt: new Date(Date.now() - 60_000).toISOString(),
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        authority: ["review"],
      },
    ],
    ["users.setRoles", { userId: someone.id, roles: ["reviewer", "admin"] }],
  ];
  for (const [path, input] of refused) {
    const res = await auditor.request.post(`/trpc/${path}`, { data: input });
    expect(res.status(), `${path} must be refused`).toBe(403);
  }

  // Nothing changed: the escalation still waits, unclaimed and undecided.
  const still = await (await machine.get(`/api/v1/escalations/${id}`)).json();
  expect(still.status).toBe("queued");
  expect(still.decision).toBeUndefined();
});
