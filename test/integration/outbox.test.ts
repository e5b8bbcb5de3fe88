// The outbox with one dispatcher (runs on PGlite by default): retries with backoff that
// honour Retry-After, a bounded give-up that says why, edits in place, and recovery of a
// post claimed by an instance that died.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { fakePoster, startFakePlatform, type FakePlatform } from "../helpers/fake-platform.ts";
import { text } from "../../src/core/view.ts";
import { OutboxDispatcher } from "../../src/outbox/outbox-dispatcher.ts";
import { PosterRegistry } from "../../src/outbox/poster-registry.ts";
import { silentLogger } from "../../src/platform/logger.ts";

let app: TestApp;
let platform: FakePlatform | undefined;
const CHANNEL = "fake:T1:C1";

beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());
afterEach(async () => {
  await platform?.close();
  platform = undefined;
});

async function dispatcherFor(script: Parameters<typeof startFakePlatform>[0], instance = "one") {
  platform = await startFakePlatform(script);
  const posters = new PosterRegistry();
  posters.register(fakePoster(platform.url, instance));
  return new OutboxDispatcher(app.services.db, posters, app.clock, silentLogger, instance);
}

const enqueue = (key: string, extra: { replaces?: string; notBefore?: Date } = {}) =>
  app.services.outbox.enqueue({ channel: CHANNEL, message: { blocks: [text(key)] }, dedupeKey: key, ...extra });

const row = (id: string) => app.services.outbox.get(id);

describe("outbox delivery", () => {
  it("retries after 429 no sooner than Retry-After, then after 500, and posts once", async () => {
    const dispatcher = await dispatcherFor([{ status: 429, retryAfter: "5" }, { status: 500 }, { status: 200 }]);
    const id = await enqueue("retry-1");

    await dispatcher.dispatchDue();
    expect((await row(id))!.lastError).toContain("429");
    app.clock.advance(4_000);
    await dispatcher.dispatchDue();
    expect(platform!.requests).toHaveLength(1); // Retry-After: 5 is not over yet
    app.clock.advance(1_000);
    await dispatcher.dispatchDue();
    expect((await row(id))!.lastError).toContain("500");
    app.clock.advance(4_000); // second retry: exponential, 2 s × 2
    await dispatcher.dispatchDue();

    const sent = await row(id);
    expect(sent).toMatchObject({ status: "sent", attempts: 3, lastError: null });
    expect(platform!.requests.map((r) => r.status)).toEqual([429, 500, 200]);
    app.clock.advance(60_000);
    await dispatcher.dispatchDue();
    expect(platform!.delivered().get("retry-1")).toBe(1);
  });

  it("gives up after a bounded time and records why", async () => {
    const dispatcher = await dispatcherFor([{ status: 503 }]);
    const id = await enqueue("always-down");
    for (let i = 0; i < 40 && (await row(id))!.status === "pending"; i++) {
      await dispatcher.dispatchDue();
      app.clock.advance(5 * 60_000);
    }
    const failed = (await row(id))!;
    expect(failed.status).toBe("failed");
    expect(failed.lastError).toMatch(/^gave up after \d+ attempts over \d+ min: platform error \(503\)/);
    expect(failed.attempts).toBeLessThan(20);
  });

  it("does not retry what the platform refuses for good", async () => {
    const dispatcher = await dispatcherFor([{ status: 404 }]);
    const id = await enqueue("no-such-channel");
    await dispatcher.dispatchDue();
    expect(await row(id)).toMatchObject({ status: "failed", attempts: 1, lastError: "not retried: refused (404)" });
  });

  it("enqueues once per dedupe key", async () => {
    const first = await enqueue("same-key");
    const second = await enqueue("same-key");
    expect(second).toBe(first);
    expect(await app.services.db.outboxMessage.count({ where: { dedupeKey: "same-key" } })).toBe(1);
    await app.services.db.outboxMessage.updateMany({ where: { id: first }, data: { status: "cancelled" } });
  });

  it("posts an edit as an edit of the original message, after the original", async () => {
    const dispatcher = await dispatcherFor([{ status: 200 }]);
    const original = await enqueue("live v1");
    await dispatcher.dispatchDue();
    const ref = (await row(original))!.platformRef!;
    await enqueue("live v2", { replaces: original });
    await enqueue("live v3", { replaces: original });
    await dispatcher.dispatchDue();
    // v2 was superseded by v3 before it went out: one edit, the newest.
    expect(platform!.requests.map((r) => [r.key, r.replaceRef])).toEqual([
      ["live v1", undefined],
      ["live v3", ref],
    ]);
  });

  it("rewrites a post that has not gone out yet instead of queueing an edit", async () => {
    const dispatcher = await dispatcherFor([{ status: 200 }]);
    const later = new Date(app.clock.now().getTime() + 3_600_000);
    const original = await enqueue("held v1", { notBefore: later });
    expect(await enqueue("held v2", { replaces: original })).toBe(original);
    await dispatcher.dispatchDue();
    expect(platform!.requests).toHaveLength(0); // held until `later`
    app.clock.set(later);
    await dispatcher.dispatchDue();
    expect(platform!.requests.map((r) => r.key)).toEqual(["held v2"]);
  });

  it("delivers a post claimed by an instance that died, once its claim runs out", async () => {
    const dispatcher = await dispatcherFor([{ status: 200 }], "survivor");
    const id = await enqueue("orphaned");
    const claimedUntil = new Date(app.clock.now().getTime() + 60_000);
    await app.services.db.outboxMessage.updateMany({ where: { id }, data: { lockedBy: "dead", lockedUntil: claimedUntil, attempts: 1 } });
    await dispatcher.dispatchDue();
    expect(platform!.requests).toHaveLength(0);
    app.clock.advance(61_000);
    await dispatcher.dispatchDue();
    expect(await row(id)).toMatchObject({ status: "sent", attempts: 2 });
    expect(platform!.delivered().get("orphaned")).toBe(1);
  });

  it("keeps retrying, then gives up, when no adapter serves the channel's platform", async () => {
    const id = await app.services.outbox.enqueue({ channel: "teams:X:Y", message: { blocks: [text("nowhere")] }, dedupeKey: "nowhere" });
    await app.services.outboxDispatcher.dispatchDue();
    expect(await row(id)).toMatchObject({ status: "pending", lastError: 'no chat adapter for "teams" is connected to this instance' });
    await app.services.db.outboxMessage.updateMany({ where: { id }, data: { status: "cancelled" } });
  });
});
