// The chat surfaces' shared state (the KeyValue table): a key set with a time to live
// reads as absent once it has passed, setting it again renews it, and housekeeping
// deletes expired keys while keys without one stay.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { DatabaseState } from "../../adapters/shared/database-state.ts";
import { housekeepingJob } from "../../src/jobs/housekeeping.job.ts";

const DAY = 24 * 3600 * 1000;
let app: TestApp;
let state: DatabaseState;

beforeAll(async () => {
  app = await createTestApp();
  state = new DatabaseState(app.services.db, app.clock);
});
afterAll(() => app?.close());

describe("chat state with a time to live", () => {
  it("reads a key until its time to live has passed, and again once it is set again", async () => {
    await state.set("test:ttl", { opened: true }, { ttlMs: 10 * DAY });
    await state.set("test:forever", { hash: "abc" });
    app.clock.advance(9 * DAY);
    expect(await state.get("test:ttl")).toEqual({ opened: true });
    await state.set("test:ttl", { opened: true }, { ttlMs: 10 * DAY }); // renewed: 10 days from now
    app.clock.advance(9 * DAY);
    expect(await state.get("test:ttl")).toEqual({ opened: true });
    app.clock.advance(2 * DAY);
    expect(await state.get("test:ttl")).toBeUndefined();
    expect(await state.get("test:forever")).toEqual({ hash: "abc" });
  });

  it("is cleared by housekeeping once expired; keys without a time to live stay", async () => {
    const stats = await housekeepingJob(app.services).run(app.clock.now(), app.services.log);
    expect(stats.expiredState).toBe(1);
    const keys = (await app.services.db.keyValue.findMany({ where: { key: { startsWith: "test:" } }, select: { key: true } })).map((r) => r.key);
    expect(keys).toEqual(["test:forever"]);
  });
});
