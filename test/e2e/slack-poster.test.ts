// The ChannelPoster for slack: addresses through the real WebClient against the fake Web
// API: posts, edits in place, direct messages, and every kind of failure mapped to what
// the outbox needs (retry later, with Slack's Retry-After, or give up).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FakeSlackApi } from "../helpers/slack-fake-api.ts";
import { SlackPoster } from "../../adapters/slack/slack-poster.ts";
import { DeliveryError } from "../../src/core/channel-poster.ts";
import { text, type Message } from "../../src/core/view.ts";
import { silentLogger } from "../../src/platform/logger.ts";
import { boltLogger } from "../../adapters/slack/slack-logger.ts";
import { expectChartPng, sampleChartFile } from "../helpers/png.ts";

let fake: FakeSlackApi;
let poster: SlackPoster;
const alert: Message = { blocks: [text("Balance is below €10.", "warning")] };

beforeAll(async () => {
  fake = await new FakeSlackApi().start();
  poster = new SlackPoster(async (team) => (team === "T1" ? "xoxb-test" : undefined), { slackApiUrl: fake.apiUrl, logger: boltLogger(silentLogger) });
});
afterAll(() => fake.close());
beforeEach(() => ["chat.postMessage", "chat.update", "conversations.open", "files.getUploadURLExternal"].forEach((m) => fake.reset(m)));

const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as DeliveryError);

describe("SlackPoster", () => {
  it("posts to a channel and returns a reference a later post can edit", async () => {
    const { ref } = await poster.post("slack:T1:C42", alert);
    const call = fake.callsTo("chat.postMessage").at(-1)!;
    expect(call).toMatchObject({ token: "xoxb-test", args: { channel: "C42" } });
    expect(JSON.stringify(call.args.blocks)).toContain(":warning: Balance is below €10.");
    expect(call.args.text).toContain("Balance is below €10.");
    expect(ref).toMatch(/^C42:1700000000\.\d+$/);

    const edited = await poster.post("slack:T1:C42", { blocks: [text("Balance is back to €50.", "success")] }, ref);
    expect(edited.ref).toBe(ref);
    expect(fake.callsTo("chat.update").at(-1)!.args).toMatchObject({ channel: "C42", ts: ref.split(":")[1] });
  });

  it("opens a direct message for slack:TEAM:@USER addresses", async () => {
    const { ref } = await poster.post("slack:T1:@U7", { blocks: [text("You are invited to Acme.")] });
    expect(fake.callsTo("conversations.open").at(-1)!.args.users).toBe("U7");
    expect(fake.callsTo("chat.postMessage").at(-1)!.args.channel).toBe("D7");
    expect(ref.startsWith("D7:")).toBe(true);
  });

  it("fits a long message into one payload Slack accepts", async () => {
    const long: Message = { blocks: Array.from({ length: 80 }, (_, i) => text(`Line ${i}`)) };
    await poster.post("slack:T1:C42", long);
    const blocks = fake.callsTo("chat.postMessage").at(-1)!.args.blocks as unknown[];
    expect(blocks).toHaveLength(50);
    expect(JSON.stringify(blocks.at(-1))).toContain("more parts cut");
  });

  it("reports a 429 as retryable with Slack's Retry-After", async () => {
    fake.on("chat.postMessage", { status: 429, headers: { "retry-after": "30" }, body: { ok: false, error: "ratelimited" } });
    const error = await failure(poster.post("slack:T1:C42", alert));
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ retryable: true, retryAfterMs: 30_000 });
  });

  it("reports 5xx and network failures as retryable", async () => {
    fake.on("chat.postMessage", { status: 503, body: "upstream down" });
    expect(await failure(poster.post("slack:T1:C42", alert))).toMatchObject({ retryable: true, retryAfterMs: undefined });

    const offline = new SlackPoster(async () => "xoxb-test", { slackApiUrl: "http://127.0.0.1:9/api/", logger: boltLogger(silentLogger) });
    expect(await failure(offline.post("slack:T1:C42", alert))).toMatchObject({ retryable: true });
  });

  it("reports what can never work as not retryable, saying what to do", async () => {
    fake.on("chat.postMessage", { ok: false, error: "not_in_channel" });
    const notIn = await failure(poster.post("slack:T1:C42", alert));
    expect(notIn).toMatchObject({ retryable: false });
    expect(notIn!.message).toContain("/invite");

    fake.on("chat.postMessage", { ok: false, error: "channel_not_found" });
    expect(await failure(poster.post("slack:T1:C404", alert))).toMatchObject({ retryable: false });
    expect(await failure(poster.post("discord:G1:C1", alert))).toMatchObject({ retryable: false });
    expect(await failure(poster.post("slack:T9:C1", alert))).toMatchObject({ retryable: false, message: expect.stringContaining("not installed") });
  });

  it("treats Slack's transient platform errors as retryable", async () => {
    fake.on("chat.postMessage", { ok: false, error: "internal_error" });
    expect(await failure(poster.post("slack:T1:C42", alert))).toMatchObject({ retryable: true });
  });

  it("uploads a post's chart with files.uploadV2 into the post's own thread", async () => {
    const chart = await sampleChartFile();
    const { ref } = await poster.post("slack:T1:C42", alert, undefined, "out_chart1", false, [chart]);
    const [channel, ts] = ref.split(":");
    const done = fake.callsTo("files.completeUploadExternal").at(-1)!;
    expect(done.args).toMatchObject({ channel_id: channel, thread_ts: ts });
    const [file] = done.args.files as { id: string; title: string }[];
    expect(file!.title).toBe("Balance of Acme, last 30 days");
    expect(fake.uploadRequests.get(file!.id)).toMatchObject({ filename: chart.name, length: chart.content.length, altText: chart.image!.alt, altTextField: "alt_text" });
    expectChartPng(fake.uploads.get(file!.id)!.bytes);
  });

  it("gives a post found again by its outbox id no second chart", async () => {
    const chart = await sampleChartFile();
    const first = await poster.post("slack:T1:C43", alert, undefined, "out_chart2", false, [chart]);
    const uploads = fake.callsTo("files.completeUploadExternal").length;
    const again = await poster.post("slack:T1:C43", alert, undefined, "out_chart2", true, [chart]);
    expect(again.ref).toBe(first.ref);
    expect(fake.callsTo("files.completeUploadExternal")).toHaveLength(uploads);
  });

  it("keeps a post that went out when its chart cannot be uploaded", async () => {
    fake.on("files.getUploadURLExternal", { ok: false, error: "file_uploads_disabled" });
    const uploads = fake.callsTo("files.completeUploadExternal").length;
    const { ref } = await poster.post("slack:T1:C44", alert, undefined, "out_chart3", false, [await sampleChartFile()]);
    expect(ref).toMatch(/^C44:/);
    expect(fake.callsTo("files.completeUploadExternal")).toHaveLength(uploads);
  });

  it("edits a live post with text only", async () => {
    const { ref } = await poster.post("slack:T1:C45", alert);
    const uploads = fake.callsTo("files.getUploadURLExternal").length;
    await poster.post("slack:T1:C45", { blocks: [text("Balance is back to €50.", "success")] }, ref, "out_edit", false, [await sampleChartFile()]);
    expect(fake.callsTo("files.getUploadURLExternal")).toHaveLength(uploads);
  });
});
