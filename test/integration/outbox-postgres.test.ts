// Two instances on one PostgreSQL database, as in production scale-out: two outbox
// dispatchers against a platform that answers 429, then 500, then 200; and two job
// runners firing the same hourly tick. Needs TEST_DATABASE_URL (CI sets it).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTwoInstances, type TwoInstances } from "../helpers/two-instances.ts";
import { fakePoster, startFakePlatform, type FakePlatform } from "../helpers/fake-platform.ts";
import { text } from "../../src/core/view.ts";
import { Decimal } from "../../src/core/money.ts";
import { OutboxDispatcher } from "../../src/outbox/outbox-dispatcher.ts";
import { PosterRegistry } from "../../src/outbox/poster-registry.ts";
import { silentLogger } from "../../src/platform/logger.ts";
import { JobRunner } from "../../src/jobs/job-runner.ts";
import { balanceCheckJob } from "../../src/alerts/balance-check.job.ts";
import type { Services } from "../../src/services.ts";

const ALERTS = 12;

describe.skipIf(!process.env.TEST_DATABASE_URL)("two instances on one PostgreSQL (TEST_DATABASE_URL)", () => {
  let two: TwoInstances;
  let platform: FakePlatform;

  beforeAll(async () => {
    two = await startTwoInstances();
    platform = await startFakePlatform([{ status: 429, retryAfter: "1" }, { status: 500 }, { status: 200 }]);
  });
  afterAll(async () => {
    await platform.close();
    await two.close();
  });

  const dispatcher = (services: Services, name: string) => {
    const posters = new PosterRegistry();
    posters.register(fakePoster(platform.url, name));
    // Small batches, so both instances take part in one round.
    return new OutboxDispatcher(services.db, posters, two.clock, silentLogger, name, { batchSize: 2 });
  };

  it("posts each alert exactly once with two dispatchers through 429, 500 and 200", async () => {
    for (let i = 0; i < ALERTS; i++) {
      await two.a.outbox.enqueue({ channel: "fake:T1:C1", message: { blocks: [text(`alert ${i}`)] }, dedupeKey: `alert-${i}` });
    }
    const dispatchers = [dispatcher(two.a, "instance-a"), dispatcher(two.b, "instance-b")];
    for (let round = 0; round < 30; round++) {
      await Promise.all(dispatchers.map((d) => d.dispatchDue()));
      if ((await two.a.db.outboxMessage.count({ where: { status: "pending" } })) === 0) break;
      two.clock.advance(2_000);
    }
    const delivered = platform.delivered();
    expect(delivered.size).toBe(ALERTS);
    expect([...delivered.values()].every((count) => count === 1)).toBe(true);
    expect(platform.requests).toHaveLength(ALERTS * 3);
    expect(new Set(platform.requests.map((r) => r.poster))).toEqual(new Set(["instance-a", "instance-b"]));
    expect(await two.b.db.outboxMessage.count({ where: { status: "sent" } })).toBe(ALERTS);
  });

  it("runs an hourly tick once with two job runners and posts the alert once", async () => {
    const { account } = await two.a.accounts.create({
      companyName: "Scale Ltd",
      contactName: "Ada",
      email: "ada@scale.test",
      phone: "+447700900555",
      creator: { address: "console:local:operator", name: "Ada" },
      workspace: "console:local",
      at: two.clock.now(),
    });
    await two.a.alerts.rules.create({ accountId: account.id, threshold: new Decimal(10), level: "warning", channel: "fake:T1:C2", by: "test", at: two.clock.now() });
    const slot = JobRunner.slotOf(two.clock.now());
    const outcomes = await Promise.all(
      [two.a, two.b].map((s) => s.jobs.runSlot(balanceCheckJob(s.alerts.balance, "0 * * * *"), slot)),
    );
    expect(outcomes.map((o) => o.state).sort()).toEqual(["ran", "taken"]);
    expect(outcomes.find((o) => o.state === "ran")).toMatchObject({ stats: { accountsChecked: 1, alertsPosted: 1 } });
    expect(await two.a.db.outboxMessage.count({ where: { channel: "fake:T1:C2" } })).toBe(1);
  });
});
