import { expect, test } from "@playwright/test";
import { createTestSystem, escalation } from "../../support/api";
import { signIn } from "../../support/ui";

const markup = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>bold?</b>`;

test("the audit trail and the explanation show HTML an AI system sent as text, and no script runs", async ({ browser }) => {
  const { machine } = await createTestSystem("trail-text", 1);
  const body = escalation({
    input: `Customer wrote: ${markup}`,
    aiOutput: { decision: "refund", note: markup },
    contextSummary: `Summary with markup ${markup}`,
    escalationReason: { code: "markup", explanation: `Explanation ${markup}` },
    evidence: [{ title: `Evidence ${markup}`, content: `Content ${markup}` }],
  });
  const { id } = await (await machine.post("/api/v1/escalations", { data: body })).json();

  const auditor = await signIn(browser, "auditor@demo.local");
  await auditor.goto(`/audit?q=${encodeURIComponent(body.externalId)}`);
  const found = auditor.getByRole("article", { name: `Trail of ${body.externalId}` });
  await found.getByRole("button", { name: "Show what the AI system sent" }).click();
  await expect(found.getByText(`Summary with markup ${markup}`)).toBeVisible();
  await expect(found.getByText(`Content ${markup}`)).toBeVisible();
  await found.getByRole("button", { name: "Show the content as shown" }).click();
  // JSON-escaped, as stored: the quotes gain backslashes, the tags stay text.
  await expect(found.getByLabel("Content shown to reviewers")).toContainText("<script>window.__pwned=2</script><b>bold?</b>");
  expect(await auditor.locator("main img, main script, main b").count()).toBe(0);

  await auditor.goto(`/escalations/${id}/explanation`);
  await expect(auditor.getByText(`Summary with markup ${markup}`)).toBeVisible();
  expect(await auditor.locator("main img, main script, main b").count()).toBe(0);
  expect(await auditor.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});
