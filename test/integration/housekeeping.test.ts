import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { createTestAccount } from "../helpers/accounts.ts";
import { housekeepingJob } from "../../src/jobs/housekeeping.job.ts";
import { text } from "../../src/core/view.ts";

const DAY = 24 * 3600 * 1000;
let app: TestApp;

beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

describe("housekeeping", () => {
  it("removes old delivered posts but keeps a live alert's message and anything pending", async () => {
    const { outbox, db } = app.services;
    const { account } = await createTestAccount(app);
    const old = await outbox.enqueue({ channel: "console:local:ops", message: { blocks: [text("old")] }, dedupeKey: "hk:old" });
    const live = await outbox.enqueue({ channel: "console:local:ops", message: { blocks: [text("live")] }, dedupeKey: "hk:live" });
    const pending = await outbox.enqueue({ channel: "console:local:ops", message: { blocks: [text("pending")] }, dedupeKey: "hk:pending" });
    await db.outboxMessage.updateMany({ where: { id: { in: [old, live] } }, data: { status: "sent", sentAt: app.clock.now() } });
    await db.balanceAlert.create({
      data: { id: "al_hk", accountId: account.id, threshold: "5", level: "warning", channel: "console:local:ops", createdBy: "x", createdAt: app.clock.now(), state: "firing", liveMessageId: live },
    });

    app.clock.advance(31 * DAY);
    const stats = await housekeepingJob(app.services).run(app.clock.now(), app.services.log);
    expect(stats.outbox).toBe(1);
    const left = (await db.outboxMessage.findMany({ select: { id: true } })).map((r) => r.id).sort();
    expect(left).toEqual([live, pending].sort());
  });
});
