// A chart on Discord, end to end: `usage` and `billing balance` run as a member through the
// real discord.js client against the local fake Discord. The answer carries the PNG as a
// `files[n]` upload named in `attachments`, and an embed shows it through
// `attachment://<name>.png`; the fake refuses anything past Discord's message, embed and
// upload limits (discord-rules.ts), and the bytes decode to an 800×400 picture.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { FakeDiscord, type Recorded } from "../helpers/discord/fake-discord.ts";
import { APP, CHANNEL, GUILD, TOKEN, USER, slash, textOf } from "../helpers/discord/interactions.ts";
import { bindGuildAccount } from "../helpers/discord/test-commands.ts";
import { messageProblems } from "../helpers/discord/discord-rules.ts";
import { topUp } from "../helpers/numbers.ts";
import { expectChartPng } from "../helpers/png.ts";
import { startDiscord, type RunningDiscord } from "../../adapters/discord/discord-adapter.ts";
import { chatHostFor } from "../../adapters/app.ts";

let app: TestApp;
let fake: FakeDiscord;
let discord: RunningDiscord;
let apiKey: string;
const member = { surface: "discord" as const, actor: `discord:${GUILD}:${USER}`, workspace: `discord:${GUILD}`, channel: `discord:${GUILD}:${CHANNEL}` };

beforeAll(async () => {
  app = await createTestApp({ now: new Date("2026-01-15T10:00:00Z") });
  const accountId = await bindGuildAccount(app.services, GUILD, USER);
  apiKey = (await app.services.db.account.findUniqueOrThrow({ where: { id: accountId }, select: { apiKey: true } })).apiKey;
  await topUp(app, accountId, "20.00");
  await app.services.accounts.recordSuccessfulPayment(accountId);
  for (const to of ["+447700900101", "+447700900102", "+4915112345678"]) {
    const sent = await app.run(`sms send ${to} Hello from Discord`, member);
    expect(sent.outcome, sent.text).toBe("ok");
  }
  fake = await FakeDiscord.start({ applicationId: APP, token: TOKEN });
  discord = await startDiscord({ token: TOKEN, applicationId: APP, guildId: GUILD, apiUrl: fake.apiUrl }, { host: chatHostFor(app.services, app.dispatcher) });
  await fake.gateway.identified();
}, 120_000);
afterAll(async () => {
  await discord?.stop();
  await fake?.close();
  await app?.close();
});

/**
 * Sends an interaction and returns the request that carried its files: the callback itself,
 * or (when the work outlived Discord's 3 seconds on a busy machine) the edit of the deferred
 * answer. Either way the same rules apply.
 */
async function answerWithFiles(interaction: { id: string; token: string }): Promise<Recorded> {
  const from = fake.mark();
  fake.interact(interaction);
  const mine = (r: Recorded) => r.path.startsWith(`/interactions/${interaction.id}/${interaction.token}/`) || r.path.startsWith(`/webhooks/${APP}/${interaction.token}`);
  return fake.waitFor((r) => mine(r) && r.files.length > 0, from, 60_000);
}

const messageOf = (r: Recorded) => (r.path.startsWith("/interactions/") ? r.body.data : r.body);

function expectChartMessage(r: Recorded, name: string): void {
  const message = messageOf(r);
  expect(messageProblems(message, true, r.files)).toEqual([]);
  const file = r.files.find((f) => f.name === name);
  expect(file, `uploads: ${r.files.map((f) => f.name).join(", ")}`).toBeDefined();
  expect(file!.type).toBe("image/png");
  expectChartPng(file!.content);
  const index = Number(file!.field!.match(/\d+/)![0]);
  expect(message.attachments).toContainEqual({ id: index, filename: name });
  const embed = message.embeds.find((e: { image?: { url: string } }) => e.image?.url === `attachment://${name}`);
  expect(embed).toBeDefined();
  // The fake's own answer: Discord accepted it (a refusal is a 400 with code 50035).
  expect(fake.requests.filter((q) => q.path === r.path && q.method === r.method)).toContain(r);
}

/** Only the member sees it: flag 64 on the answer, or on the deferral a late answer edits. */
function expectPrivate(interaction: { id: string; token: string }): void {
  const callback = fake.requests.find((r) => r.path === `/interactions/${interaction.id}/${interaction.token}/callback`)!;
  expect(callback.body.data?.flags ?? 0).toBe(64);
}

describe("a chart on Discord", () => {
  it("answers /switchboard usage privately with the spend chart as an embed image", async () => {
    const interaction = slash(["usage"]);
    const answer = await answerWithFiles(interaction);
    expectChartMessage(answer, `usage-${apiKey}-2026-01-09_2026-01-15.png`);
    expect(textOf(messageOf(answer))).toContain("Usage of Acme");
    expectPrivate(interaction);
  });

  it("answers /billing balance privately with the 30-day balance chart", async () => {
    const interaction = slash(["billing", "balance"]);
    const answer = await answerWithFiles(interaction);
    expectChartMessage(answer, `balance-${apiKey}-2026-01-15.png`);
    expect(textOf(messageOf(answer))).toContain("Balance of Acme");
    expectPrivate(interaction);
  });
});
