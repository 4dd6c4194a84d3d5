import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildApp } from "../../app";
import { addUser, callerFor, escalationBody, qualify } from "../../testing/fixtures";
import { decideAs } from "../../testing/operations";
import { webhookHeaders, webhookReceiver } from "../../testing/webhook-receiver";
import { receiveEscalation } from "../escalations/receive";
import { webhookSetting } from "./webhook-testing";
import { inOrder } from "../../lib/in-order";

const receivers: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

type Delivered = { type: string; timestamp: string; data: Record<string, any> };

describe("a reversal, told to the AI system", () => {
  it("a Standard Webhooks receiver gets escalation.decided, escalation.reopened, then escalation.decided for the new round, each as GET returns it", async () => {
    const s = await webhookSetting();
    const hooks = await webhookReceiver();
    receivers.push(hooks);
    const { secret } = await s.register(hooks.url, ["escalation.decided", "escalation.reopened"]);
    const [ana, ben] = (await inOrder(["ana", "ben"], (name) => addUser(s.t.deps, `${name}@example.com`, ["reviewer"])));
    const lead = await addUser(s.t.deps, "lena@example.com", ["lead"]);
    await qualify(s.t.deps, lead.id, s.system.id, { authority: ["override"] });
    const { id } = await receiveEscalation(s.t.deps, s.system.id, escalationBody({ externalId: "order-1042" }));

    await decideAs(s.t, ana!, id, "approved");
    s.advance(0);
    await callerFor(s.t.deps, lead).reviews.reopen({ escalationId: id, reason: "The courier confirmed the parcel was never delivered." });
    await decideAs(s.t, ben!, id, "rejected");
    s.advance(0);
    await s.deliverAll();

    const events = hooks.received.map((request) => new Webhook(secret).verify(request.body, webhookHeaders(request)) as Delivered);
    expect(events.map((e) => [e.type, e.data.round, e.data.status, e.data.decision?.outcome ?? null])).toEqual([
      ["escalation.decided", 1, "decided", "approved"],
      ["escalation.reopened", 2, "queued", null],
      ["escalation.decided", 2, "decided", "rejected"],
    ]);
    expect(events[1]!.data.earlierRounds).toMatchObject([{ round: 1, decision: { outcome: "approved", decidedBy: "ana" }, reopenedBy: "lena" }]);
    expect(new Set(hooks.received.map((r) => r.headers["webhook-id"])).size).toBe(3);
    // The last event is the escalation exactly as the AI system's GET reads it now.
    const got = await (await buildApp(s.t.deps).request(`/api/v1/escalations/${id}`, { headers: { authorization: `Bearer ${s.key}` } })).json();
    expect(events[2]!.data).toEqual(got);
  });
});
