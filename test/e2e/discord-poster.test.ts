// The ChannelPoster the outbox uses for discord: addresses, through the real REST client
// against the fake: posts and edits in channels, direct messages to members, and failures
// mapped to what the outbox must do (retry later, after how long, or give up).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord } from "../helpers/discord/fake-discord.ts";
import { APP, CHANNEL, GUILD, TOKEN, USER, textOf } from "../helpers/discord/interactions.ts";
import { DiscordPoster, createPosterRest } from "../../adapters/discord/discord-poster.ts";
import { DeliveryError } from "../../src/core/channel-poster.ts";
import { buttons, fields, header, text } from "../../src/core/view.ts";
import { messageProblems } from "../helpers/discord/discord-rules.ts";
import { expectChartPng, sampleChartFile } from "../helpers/png.ts";

let fake: FakeDiscord;
let poster: DiscordPoster;
const alert = { blocks: [header("Low balance"), text("Acme has *€4.20* left.", "warning"), fields({ Threshold: "€10.00" })] };

beforeAll(async () => {
  fake = await FakeDiscord.start({ applicationId: APP, token: TOKEN });
  poster = new DiscordPoster(createPosterRest({ token: TOKEN, api: fake.apiUrl }));
});
afterAll(() => fake.close());

const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
};

describe("discord channel poster", () => {
  it("posts an alert into a channel as the bot, then edits it in place", async () => {
    const from = fake.mark();
    const { ref } = await poster.post(`discord:${GUILD}:${CHANNEL}`, alert);
    const posted = await fake.waitFor((r) => r.method === "POST", from);
    expect(posted.path).toBe(`/channels/${CHANNEL}/messages`);
    expect(posted.auth).toBe(`Bot ${TOKEN}`);
    expect(textOf(posted.body)).toBe("Low balance\n⚠️ Acme has **€4.20** left.\nThreshold: €10.00");
    expect(posted.body.allowed_mentions).toEqual({ parse: [] });

    const updated = await poster.post(`discord:${GUILD}:${CHANNEL}`, { blocks: [text("Balance back to €50.00", "success")] }, ref);
    expect(updated.ref).toBe(ref);
    const edit = await fake.waitFor((r) => r.method === "PATCH", from);
    expect(edit.path).toBe(`/channels/${CHANNEL}/messages/${ref}`);
    expect(textOf(edit.body)).toContain("Balance back to €50.00");
  });

  it("posts once when the outbox repeats a post it could not record (the nonce names it)", async () => {
    const before = fake.created.length;
    const first = await poster.post(`discord:${GUILD}:${CHANNEL}`, alert, undefined, "out_0123456789abcdef0123");
    const again = await poster.post(`discord:${GUILD}:${CHANNEL}`, alert, undefined, "out_0123456789abcdef0123");
    expect(again.ref).toBe(first.ref);
    expect(fake.created.length - before).toBe(1);
  });

  it("keeps alert buttons clickable", async () => {
    const from = fake.mark();
    await poster.post(`discord:${GUILD}:${CHANNEL}`, { blocks: [text("Top up?"), buttons({ label: "Top up", action: { command: "help", args: {} }, ref: "abc123" })] });
    const posted = await fake.waitFor((r) => r.method === "POST", from);
    expect(posted.body.components[0].components[0]).toMatchObject({ label: "Top up", custom_id: "sb:a:abc123" });
  });

  it("sends a member a direct message, opening the channel once", async () => {
    const from = fake.mark();
    await poster.post(`discord:${GUILD}:@${USER}`, { blocks: [text("You are invited to Acme.")] });
    await poster.post(`discord:${GUILD}:@${USER}`, { blocks: [text("Reminder: you are invited to Acme.")] });
    const seen = fake.requests.slice(from).map((r) => `${r.method} ${r.path}`);
    const dmChannel = `7${USER}`.slice(0, 19);
    expect(seen).toEqual(["POST /users/@me/channels", `POST /channels/${dmChannel}/messages`, `POST /channels/${dmChannel}/messages`]);
  });

  it("gives a rate-limited post back to the outbox with Discord's retry_after", async () => {
    fake.fail("POST", /\/messages$/, 429, { message: "You are being rate limited.", retry_after: 30, global: false }, { "retry-after": "30", "x-ratelimit-scope": "user" });
    const error = await failure(poster.post(`discord:${GUILD}:${CHANNEL}`, alert));
    expect(error.retryable).toBe(true);
    // The REST client adds its small safety offset to Discord's 30 seconds.
    expect(error.retryAfterMs).toBeGreaterThanOrEqual(30_000);
    expect(error.retryAfterMs).toBeLessThan(31_000);
  });

  it("retries later on a server error, never on a missing channel or missing access", async () => {
    fake.fail("POST", /\/messages$/, 502, { message: "Bad Gateway", code: 0 });
    expect((await failure(poster.post(`discord:${GUILD}:${CHANNEL}`, alert))).retryable).toBe(true);
    fake.fail("POST", /\/messages$/, 404, { message: "Unknown Channel", code: 10003 });
    expect((await failure(poster.post(`discord:${GUILD}:${CHANNEL}`, alert))).retryable).toBe(false);
    fake.fail("POST", /\/messages$/, 403, { message: "Cannot send messages to this user", code: 50007 });
    expect((await failure(poster.post(`discord:${GUILD}:@100000000000000555`, alert))).retryable).toBe(false);
  });

  it("retries later when Discord cannot be reached", async () => {
    const offline = new DiscordPoster(createPosterRest({ token: TOKEN, api: "http://127.0.0.1:9/api" }));
    expect((await failure(offline.post(`discord:${GUILD}:${CHANNEL}`, alert))).retryable).toBe(true);
  });

  it("refuses an address that is not a Discord channel, for good", async () => {
    const error = await failure(poster.post("discord:general", alert));
    expect(error.retryable).toBe(false);
  });

  it("posts an alert's chart as an upload its embed shows, in the same request as the nonce", async () => {
    const chart = await sampleChartFile();
    const from = fake.mark();
    const { ref } = await poster.post(`discord:${GUILD}:${CHANNEL}`, alert, undefined, "out_chart0123456789abcdef", false, [chart]);
    const posted = await fake.waitFor((r) => r.method === "POST" && r.path === `/channels/${CHANNEL}/messages`, from);
    expect(messageProblems(posted.body, true, posted.files)).toEqual([]);
    expect(posted.body.enforce_nonce).toBe(true);
    expect(posted.files.map((f) => [f.field, f.name])).toEqual([["files[0]", chart.name]]);
    expectChartPng(posted.files[0]!.content);
    expect(posted.body.attachments).toEqual([{ id: 0, filename: chart.name }]);
    expect(posted.body.embeds.some((e: { image?: { url: string } }) => e.image?.url === `attachment://${chart.name}`)).toBe(true);

    const before = fake.mark();
    await poster.post(`discord:${GUILD}:${CHANNEL}`, { blocks: [text("Balance back to €50.00", "success")] }, ref, "out_edit", false, [chart]);
    const edit = await fake.waitFor((r) => r.method === "PATCH", before);
    expect(edit.files).toEqual([]);
  });
});
