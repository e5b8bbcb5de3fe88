// A crash between Slack accepting chat.postMessage and the outbox recording it: the row
// stays claimed, unsent. When its claim runs out another instance delivers it; it finds
// the earlier message in the channel's history by the outbox id in its metadata and
// records it instead of posting the alert a second time. Through the real WebClient
// against the fake Web API; the instance that "dies" is one whose post never returns.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { FakeSlackApi } from "../helpers/slack-fake-api.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { SlackPoster } from "../../adapters/slack/slack-poster.ts";
import { boltLogger } from "../../adapters/slack/slack-logger.ts";
import { OutboxDispatcher } from "../../src/outbox/outbox-dispatcher.ts";
import { PosterRegistry } from "../../src/outbox/poster-registry.ts";
import { text } from "../../src/core/view.ts";
import { silentLogger } from "../../src/platform/logger.ts";
import type { ChannelPoster } from "../../src/core/channel-poster.ts";
import { expectChartPng, sampleChartFile } from "../helpers/png.ts";

const LEASE_MS = 60_000;
// A busy machine may take a while; only the outcome is asserted, never the time.
const WAIT = { timeout: 60_000, interval: 50 };
let fake: FakeSlackApi;
let app: TestApp;

beforeAll(async () => {
  fake = await new FakeSlackApi().start();
  app = await createTestApp();
}, 180_000);
afterAll(async () => {
  await app.close();
  await fake.close();
});

const slackPoster = () => new SlackPoster(async () => "xoxb-test", { slackApiUrl: fake.apiUrl, logger: boltLogger(silentLogger) });

function dispatcher(poster: ChannelPoster, instance: string) {
  const posters = new PosterRegistry();
  posters.register(poster);
  return new OutboxDispatcher(app.services.db, posters, app.clock, silentLogger, instance, { leaseMs: LEASE_MS });
}

/** Posts for real, then the process dies before it hears Slack's answer. */
function dyingAfterPost(real: SlackPoster): ChannelPoster {
  return {
    platform: "slack",
    post: async (...args) => {
      await real.post(...args);
      return new Promise(() => {});
    },
  };
}

const postsTo = (channel: string) => fake.callsTo("chat.postMessage").filter((c) => c.args.channel === channel);

describe("a Slack post whose success was never recorded", () => {
  it("is found by its outbox id and not posted again", async () => {
    const id = await app.services.outbox.enqueue({ channel: "slack:T1:C77", message: { blocks: [text("Balance below €10.")] }, dedupeKey: "crash-1" });
    void dispatcher(dyingAfterPost(slackPoster()), "dies").dispatchDue();
    await vi.waitFor(() => expect(postsTo("C77")).toHaveLength(1), WAIT);
    const first = postsTo("C77")[0]!;
    expect(first.args.metadata).toEqual({ event_type: "switchboard_post", event_payload: { outbox_id: id } });
    // Other messages arrive in the channel meanwhile.
    await slackPoster().post("slack:T1:C77", { blocks: [text("someone else's post")] });

    app.clock.advance(LEASE_MS + 1_000);
    const stats = await dispatcher(slackPoster(), "survivor").dispatchDue();
    expect(stats.sent).toBe(1);
    expect(postsTo("C77").filter((c) => JSON.stringify(c.args.blocks).includes("Balance below"))).toHaveLength(1);
    expect(fake.callsTo("conversations.history").at(-1)!.args).toMatchObject({ channel: "C77" });
    const row = await app.services.outbox.get(id);
    const ts = (fake.history.get("C77")![0]!.ts as string);
    expect(row).toMatchObject({ status: "sent", platformRef: `C77:${ts}` });
  }, 120_000);

  it("is posted when the earlier attempt never reached Slack", async () => {
    fake.on("chat.postMessage", { status: 503, body: "upstream down" });
    const id = await app.services.outbox.enqueue({ channel: "slack:T1:C78", message: { blocks: [text("Numbers renewed.")] }, dedupeKey: "crash-2" });
    expect((await dispatcher(slackPoster(), "one").dispatchDue()).retrying).toBe(1);
    fake.reset("chat.postMessage");

    app.clock.advance(60 * 60_000 - 1);
    await dispatcher(slackPoster(), "one").dispatchDue();
    expect(fake.callsTo("conversations.history").some((c) => c.args.channel === "C78")).toBe(true);
    expect(fake.history.get("C78")).toHaveLength(1);
    expect(await app.services.outbox.get(id)).toMatchObject({ status: "sent" });
  }, 120_000);

  it("carries its chart once: stored with the post, enqueued once, uploaded into its thread once, then dropped", async () => {
    const chart = await sampleChartFile();
    const post = { channel: "slack:T1:C79", message: { blocks: [text("Balance below €5.")] }, dedupeKey: "crash-3", files: [chart] };
    const id = await app.services.outbox.enqueue(post);
    expect(await app.services.outbox.enqueue(post)).toBe(id);
    expect(await app.services.db.outboxFile.count({ where: { outboxId: id } })).toBe(1);

    void dispatcher(dyingAfterPost(slackPoster()), "dies-too").dispatchDue();
    await vi.waitFor(() => expect(fake.callsTo("files.completeUploadExternal").filter((c) => c.args.channel_id === "C79")).toHaveLength(1), WAIT);
    app.clock.advance(LEASE_MS + 1_000);
    expect((await dispatcher(slackPoster(), "survivor-too").dispatchDue()).sent).toBe(1);

    expect(postsTo("C79")).toHaveLength(1);
    const uploads = fake.callsTo("files.completeUploadExternal").filter((c) => c.args.channel_id === "C79");
    expect(uploads).toHaveLength(1);
    expect(uploads[0]!.args.thread_ts).toBe(fake.history.get("C79")![0]!.ts);
    const [file] = uploads[0]!.args.files as { id: string }[];
    expectChartPng(fake.uploads.get(file!.id)!.bytes);
    expect(await app.services.outbox.get(id)).toMatchObject({ status: "sent" });
    expect(await app.services.db.outboxFile.count({ where: { outboxId: id } })).toBe(0);
  }, 120_000);
});

describe("a Slack post that cannot go out now", () => {
  it("is not held by a 429 asking for 10 minutes: the outbox records the Retry-After and posts once after it", async () => {
    fake.fail("chat.postMessage", { status: 429, headers: { "retry-after": "600" }, body: { ok: false, error: "ratelimited" } });
    const id = await app.services.outbox.enqueue({ channel: "slack:T1:C80", message: { blocks: [text("Balance below €20.")] }, dedupeKey: "limited-1" });
    const asked = app.clock.now();
    // The dispatch returns (the loop moves on) instead of waiting the 10 minutes out.
    expect(await dispatcher(slackPoster(), "one").dispatchDue()).toMatchObject({ sent: 0, retrying: 1 });
    const row = await app.services.db.outboxMessage.findUniqueOrThrow({ where: { id }, select: { status: true, nextAttemptAt: true, lastError: true } });
    expect(row).toMatchObject({ status: "pending", lastError: expect.stringContaining("rate limiting") });
    expect(row.nextAttemptAt.getTime() - asked.getTime()).toBe(600_000);

    app.clock.advance(599_000);
    expect((await dispatcher(slackPoster(), "one").dispatchDue()).sent).toBe(0);
    expect(postsTo("C80")).toHaveLength(1);
    app.clock.advance(1_000);
    expect((await dispatcher(slackPoster(), "one").dispatchDue()).sent).toBe(1);
    expect(postsTo("C80")).toHaveLength(2);
    expect(fake.history.get("C80")).toHaveLength(1);
    expect(await app.services.outbox.get(id)).toMatchObject({ status: "sent" });
  }, 120_000);

  it("is not held by a Slack that never answers: the post gives up at its time limit, and the retry finds it posted", async () => {
    const id = await app.services.outbox.enqueue({ channel: "slack:T1:C81", message: { blocks: [text("Numbers renew tomorrow.")] }, dedupeKey: "silent-1" });
    // Slack takes the post and never answers. Without a time limit the dispatch waited for ever.
    fake.holdAnswer("chat.postMessage", fake.callsTo("chat.postMessage").length + 1);
    const limited = new SlackPoster(async () => "xoxb-test", { slackApiUrl: fake.apiUrl, logger: boltLogger(silentLogger), timeout: 5_000 });
    try {
      expect(await dispatcher(limited, "one").dispatchDue()).toMatchObject({ sent: 0, retrying: 1 });
    } finally {
      fake.holdAnswer("chat.postMessage", 0);
    }
    expect(await app.services.outbox.get(id)).toMatchObject({ status: "pending" });

    app.clock.advance(60_000);
    expect((await dispatcher(slackPoster(), "one").dispatchDue()).sent).toBe(1);
    // Slack had it (the unanswered call was carried out): found by its outbox id, not posted again.
    expect(fake.history.get("C81")).toHaveLength(1);
    expect(await app.services.outbox.get(id)).toMatchObject({ status: "sent" });
  }, 120_000);
});
