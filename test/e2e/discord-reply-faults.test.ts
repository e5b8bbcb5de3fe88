// Discord failing while Switchboard answers (issue 17): the fake REST answers 429 with
// Retry-After, 500 (once, or on every attempt) or never, for the interaction callback (the
// first answer), the edit of a deferred placeholder and a follow-up. The real discord.js
// client on the fake gateway, its REST with Switchboard's reply settings (time limit shortened).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { FakeDiscord } from "../helpers/discord/fake-discord.ts";
import { APP, CHANNEL, GUILD, TOKEN, USER, click, customIds, slash, textOf } from "../helpers/discord/interactions.ts";
import { addTestCommands, bindGuildAccount, type TestCommandState } from "../helpers/discord/test-commands.ts";
import { startDiscord, type RunningDiscord } from "../../adapters/discord/discord-adapter.ts";
import { chatHostFor } from "../../adapters/app.ts";

let app: TestApp;
let fake: FakeDiscord;
let discord: RunningDiscord;
let state: TestCommandState;
const config = () => ({ token: TOKEN, applicationId: APP, guildId: GUILD, apiUrl: fake.apiUrl });
// Long enough that a loaded machine does not time out an answered call, short for a test.
const TIMEOUT_MS = 3_000;

beforeAll(async () => {
  app = await createTestApp();
  state = addTestCommands(app.services);
  await bindGuildAccount(app.services, GUILD, USER);
  fake = await FakeDiscord.start({ applicationId: APP, token: TOKEN });
  discord = await startDiscord(config(), { host: chatHostFor(app.services, app.dispatcher) }, { restTimeoutMs: TIMEOUT_MS });
  await fake.gateway.identified();
});
afterAll(async () => {
  await discord?.stop();
  await fake?.close();
  await app?.close();
});

type Fault = { kind: "429" } | { kind: "500"; times: number } | { kind: "hang" };
function inject(method: string, path: RegExp, fault: Fault): void {
  if (fault.kind === "429") fake.fail(method, path, 429, { message: "You are being rate limited.", retry_after: 1, global: false }, { "retry-after": "1" });
  else if (fault.kind === "500") fake.fail(method, path, 500, { message: "500: Internal Server Error", code: 0 }, {}, fault.times);
  else fake.hang(method, path);
}

const callbackOf = (i: { id: string; token: string }) => `/interactions/${i.id}/${i.token}/callback`;
const originalOf = (i: { token: string }) => `/webhooks/${APP}/${i.token}/messages/@original`;
const followUpOf = (i: { token: string }) => `/webhooks/${APP}/${i.token}`;
const escape = (s: string) => new RegExp(`^${s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
const requestsTo = (method: string, path: string, from: number) => fake.requests.slice(from).filter((r) => r.method === method && r.path === path);

const ONCE: [string, Fault][] = [
  ["429 with Retry-After: 1", { kind: "429" }],
  ["500", { kind: "500", times: 1 }],
  ["no answer (a timeout)", { kind: "hang" }],
];

describe("the edit of a deferred placeholder while Discord fails", () => {
  for (const [name, fault] of ONCE) {
    it(`retries after ${name}, and the answer is shown once`, async () => {
      const interaction = slash(["test", "slow"]);
      inject("PATCH", escape(originalOf(interaction)), fault);
      const from = fake.mark();
      fake.interact(interaction);
      await fake.waitFor((r) => r.path === callbackOf(interaction), from);
      state.release();
      await fake.waitFor(() => requestsTo("PATCH", originalOf(interaction), from).length === 2, from);
      const edits = requestsTo("PATCH", originalOf(interaction), from);
      expect(edits.map((e) => textOf(e.body))).toEqual(["The slow answer is ready.", "The slow answer is ready."]);
      expect(fake.requests.slice(from).filter((r) => r.path.startsWith("/channels/") || r.path === "/users/@me/channels")).toEqual([]);
    });
  }

  it("after 500 on every attempt, posts the private answer in direct messages instead, once", async () => {
    const interaction = slash(["test", "slow"]);
    inject("PATCH", escape(originalOf(interaction)), { kind: "500", times: 3 });
    const from = fake.mark();
    fake.interact(interaction);
    await fake.waitFor((r) => r.path === callbackOf(interaction), from);
    state.release();
    const posted = await fake.waitFor((r) => r.method === "POST" && /^\/channels\/\d+\/messages$/.test(r.path), from);
    expect(textOf(posted.body)).toBe("The slow answer is ready.");
    expect(requestsTo("POST", "/users/@me/channels", from).map((r) => r.body)).toEqual([{ recipient_id: USER }]);
    expect(requestsTo("PATCH", originalOf(interaction), from)).toHaveLength(3);
    expect(fake.requests.slice(from).filter((r) => /^\/channels\/\d+\/messages$/.test(r.path))).toHaveLength(1);
  });
});

describe("a public follow-up while Discord fails", () => {
  for (const [name, fault] of ONCE) {
    it(`retries after ${name}, and the answer is posted once`, async () => {
      const interaction = slash(["test", "slow"], [{ type: 3, name: "visibility", value: "channel" }]);
      inject("POST", escape(followUpOf(interaction)), fault);
      const from = fake.mark();
      fake.interact(interaction);
      await fake.waitFor((r) => r.path === callbackOf(interaction), from);
      state.release();
      await fake.waitFor(() => requestsTo("POST", followUpOf(interaction), from).length === 2, from);
      const followUps = requestsTo("POST", followUpOf(interaction), from);
      expect(followUps).toHaveLength(2);
      expect(followUps.every((f) => textOf(f.body) === "The slow answer is ready." && f.body.flags === undefined)).toBe(true);
    });
  }

  it("after 500 on every attempt, posts the public answer in the channel instead, once", async () => {
    const interaction = slash(["test", "slow"], [{ type: 3, name: "visibility", value: "channel" }]);
    inject("POST", escape(followUpOf(interaction)), { kind: "500", times: 3 });
    const from = fake.mark();
    fake.interact(interaction);
    await fake.waitFor((r) => r.path === callbackOf(interaction), from);
    state.release();
    const posted = await fake.waitFor((r) => r.method === "POST" && r.path === `/channels/${CHANNEL}/messages`, from);
    expect(textOf(posted.body)).toBe("The slow answer is ready.");
    expect(requestsTo("POST", followUpOf(interaction), from)).toHaveLength(3);
    expect(requestsTo("POST", `/channels/${CHANNEL}/messages`, from)).toHaveLength(1);
  });
});

describe("the first answer (interaction callback) while Discord fails", () => {
  for (const [name, fault] of ONCE) {
    it(`retries after ${name}: the click is answered once and charges once`, async () => {
      const before = state.charges.length;
      const askFrom = fake.mark();
      const ask = slash(["test", "charge"], [{ type: 10, name: "amount", value: 4 }]);
      fake.interact(ask);
      const asked = await fake.waitFor((r) => r.path === callbackOf(ask), askFrom);
      const ids = customIds(asked.body.data);
      const message = fake.asMessage("900000000000000001", CHANNEL, asked.body.data, 64);
      const pay = click(ids["Pay €4"]!, message);
      inject("POST", escape(callbackOf(pay)), fault);
      const from = fake.mark();
      fake.interact(pay);
      await fake.waitFor(() => requestsTo("POST", callbackOf(pay), from).length === 2, from);
      // Both attempts carried the answer to the click; the first failed (or was never read).
      const callbacks = requestsTo("POST", callbackOf(pay), from);
      expect(callbacks.every((c) => textOf(c.body.data).includes("Charged €4."))).toBe(true);
      expect(state.charges.length - before).toBe(1);
    });
  }
});
